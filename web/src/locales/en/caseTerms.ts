import type { MessageSchema } from '../zh-CN'

const caseTerms: MessageSchema['caseTerms'] = {
  stage: {
    intake: 'Intake',
    assessment: 'Assessment',
    planning: 'Planning',
    intervention: 'Intervention',
    evaluation: 'Evaluation',
    closed: 'Closed',
    open: 'Open',
  },
  risk: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  mode: { face_to_face: 'Face to face', home_visit: 'Home visit', phone: 'Phone', online: 'Online', group: 'Group' },
  approvalStatus: { pending: 'Pending', approved: 'Approved', rejected: 'Sent back' },
  closureReason: {
    goals_met: 'Goals met',
    client_wish: "Client's wish",
    transferred: 'Transferred',
    unreachable: 'Unreachable',
    deceased: 'Deceased',
    other: 'Other',
    refer_out: 'Referred out at intake',
    decline: 'Declined at intake',
  },
  event: {
    opened: 'Case opened',
    stage_saved: 'Saved the {stage} form',
    moved: 'Moved from {from} to {to}',
    approval_requested: 'Asked for approval: {from} → {to}',
    approved: 'Approved: {from} → {to}',
    rejected: 'Sent back: {from} → {to}',
    service_added: 'Service record added',
    transferred: 'Handed to another worker',
    reopened: 'Reopened',
    followup_done: 'Follow-up done',
    attachment_added: 'File uploaded',
    escalated: '{days} days overdue: escalated to the supervisors',
  },
  crisis: 'Crisis',
  overdue: 'Overdue',
  overdueDays: '{days} days overdue',
  dueAt: 'Due',
}

export default caseTerms
