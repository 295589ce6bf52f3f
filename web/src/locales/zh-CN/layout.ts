export default {
  menu: {
    home: '首页',
    clients: '服务对象',
    admin: '系统管理',
    orgs: '组织机构',
    users: '用户管理',
    regions: '区域管理',
    audit: '审计日志',
    security: '安全设置',
  },
  orgSwitcher: '当前组织',
  allOrgs: '全部组织',
  collapse: '收起菜单',
  expand: '展开菜单',
  profile: '个人信息',
}
