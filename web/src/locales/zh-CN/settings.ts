export default {
  title: '安全设置',
  totpRoles: '必须启用动态验证码的角色',
  totpRolesHint: '勾选的角色在登录后必须先设置动态验证码（双因素认证），才能使用系统。',
  saved: '安全设置已保存',
}
