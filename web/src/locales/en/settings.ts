import type zh from '../zh-CN/settings'

export default {
  title: 'Security',
  totpRoles: 'Roles that must use one-time codes',
  totpRolesHint: 'Users with a ticked role must set up a one-time code (two-factor sign-in) before they can use the system.',
  saved: 'Security settings saved',
} satisfies typeof zh
