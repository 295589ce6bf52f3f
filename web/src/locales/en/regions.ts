import type zh from '../zh-CN/regions'

export default {
  title: 'Regions',
  name: 'Name',
  code: 'Division code',
  level: 'Level',
  parent: 'Parent region',
  addRoot: 'Add a city',
  addChild: 'Add below',
  rename: 'Rename',
  createTitle: 'Add a {level}',
  renameTitle: 'Rename “{name}”',
  created: '“{name}” added',
  renamed: '“{name}” saved',
  nameRequired: 'Enter a name',
  hint: 'Regions have four levels: city → district → street → community.',
} satisfies typeof zh
