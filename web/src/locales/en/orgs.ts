import type zh from '../zh-CN/orgs'

export default {
  title: 'Organisations',
  name: 'Name',
  kind: 'Kind',
  agencyType: 'Agency type',
  parent: 'Parent',
  region: 'Region',
  phone: 'Phone',
  address: 'Address',
  searchPlaceholder: 'Search by name',
  createTitle: 'New organisation',
  editTitle: 'Edit organisation',
  noParent: '(none, top level)',
  confirmDeactivate: 'Deactivate “{name}”? No organisations or users can be added under it afterwards.',
  deactivated: '“{name}” deactivated',
  created: '“{name}” created',
  updated: '“{name}” saved',
  nameRequired: 'Enter a name',
  kindRequired: 'Choose a kind',
  exportName: 'organisations',
} satisfies typeof zh
