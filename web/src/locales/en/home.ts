import type zh from '../zh-CN/home'

export default {
  morning: 'Good morning',
  afternoon: 'Good afternoon',
  evening: 'Good evening',
  greeting: '{period}, {name}',
  today: 'Today is {date}',
  intro: 'Jieli holds clients, case management and supervisor approvals, with organisations, users, regions, the audit log and security settings.',
  introByRole: {
    worker: 'Today’s work is below: stages falling due, follow-ups, plans sent back, and your cases.',
    supervisor: 'What waits for your approval or review is below, with your team’s caseload.',
    leader: 'Your agency’s casework is below: cases by stage, overdue and at risk.',
    other: 'Your organisations and colleagues are below.',
  },
  orgCount: 'Organisations',
  userCount: 'Users',
  colleagueCount: 'Colleagues',
  myRoles: 'My roles',
  orgsByKind: 'Organisations by kind',
  usersByRole: 'Users by role',
  colleaguesByOrg: 'Colleagues by organisation',
  myOrgs: 'My organisations',
  orgName: 'Organisation',
  kind: 'Kind',
  people: 'People',
  sampleNote: 'Counted over the first {count} records',
} satisfies typeof zh
