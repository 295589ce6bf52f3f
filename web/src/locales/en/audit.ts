import type zh from '../zh-CN/audit'

export default {
  title: 'Audit log',
  id: 'No.',
  at: 'Time',
  actor: 'By',
  action: 'Action',
  entityType: 'Entity type',
  entityId: 'Entity id',
  changes: 'Changes',
  clientAddress: 'Address',
  requestId: 'Request id',
  actionPlaceholder: 'e.g. orgs.create, or the prefix orgs.',
  entityTypePlaceholder: 'e.g. organization, user',
  dateRange: 'Dates',
  from: 'From',
  to: 'To',
  verify: 'Verify hash chain',
  verifying: 'Verifying…',
  intact: 'The audit log is intact: {checked} entries checked, none altered.',
  broken: 'The audit log was altered or cut at entry {id} ({checked} checked). {problem}',
  exportName: 'audit-log',
} satisfies typeof zh
