import type zhCN from '../zh-CN/offline'

const en: typeof zhCN = {
  pending: 'Pending sync',
  pendingNote: 'Kept on this device; sent when there is a connection',
  failed: 'Not synced',
  offlineBanner: 'No connection: cases opened before can still be read; new service records and drafts are kept on this device until they can be sent.',
  savedOffline: 'No connection: kept on this device and sent when the connection returns (pending sync)',
  syncing: 'Syncing…',
  synced: 'Pending records were sent',
  retry: 'Sync now',
  copy: 'Copy text',
  copied: 'Copied',
  discard: 'Delete',
  discardConfirm: 'Delete this unsynced record? Copy what you need first.',
  formChangedMeanwhile:
    'This form was changed while you were offline (perhaps saved by someone else), so the draft was not sent, to avoid overwriting it. Copy its text and enter it again in the current form.',
  signOutPending:
    'This device still has {n} pending or unsynced records. Signing out deletes all offline data on this device and these records will not be sent. Sign out anyway?',
  signOutAnyway: 'Sign out anyway',
  outboxTitle: 'Pending / not synced',
  caseOf: '{name}',
  serviceRecord: 'Service record',
  stepOf: 'Step {n} of {total}',
  stageDraft: '{stage} draft',
}
export default en
