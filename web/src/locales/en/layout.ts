import type zh from '../zh-CN/layout'

export default {
  menu: {
    home: 'Home',
    clients: 'Clients',
    admin: 'Administration',
    orgs: 'Organisations',
    users: 'Users',
    regions: 'Regions',
    audit: 'Audit log',
    security: 'Security',
  },
  orgSwitcher: 'Organisation',
  allOrgs: 'All organisations',
  collapse: 'Collapse menu',
  expand: 'Expand menu',
  profile: 'Profile',
} satisfies typeof zh
