import type zh from '../zh-CN/home'

export default {
  morning: 'Good morning',
  afternoon: 'Good afternoon',
  evening: 'Good evening',
  greeting: '{period}, {name}',
  today: 'Today is {date}',
  intro: 'Jieli holds clients, case management and supervisor approvals, with organisations, users, regions, the audit log and security settings.',
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
