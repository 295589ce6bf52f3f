import { describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient } from '@/api/request'
import { useFormErrors } from '@/composables/useFormErrors'

describe('useFormErrors', () => {
  it('puts field issues under their fields and shows the rest once', () => {
    const notify = vi.fn()
    configureClient({ notify })
    const { errors, capture } = useFormErrors()
    const error = new ApiError(400, 'validation.failed', '提交的数据有误', [
      { field: 'password', code: 'password_too_short', message: '密码至少 8 个字符。' },
      { field: 'mystery', code: 'unknown', message: '不认识的字段。' },
    ])
    capture(error, { shows: (f) => f === 'password' })
    expect(errors.password).toBe('密码至少 8 个字符。')
    expect(notify).toHaveBeenCalledTimes(1)
    expect(notify.mock.calls[0][0]).toContain('mystery')
    expect(notify.mock.calls[0][0]).not.toContain('password_too_short')
  })

  it('maps a conflict code onto its field without a message box', () => {
    const notify = vi.fn()
    configureClient({ notify })
    const { errors, capture } = useFormErrors()
    capture(new ApiError(409, 'orgs.username_taken', '用户名“a”已被使用。'), {
      shows: () => true,
      codeFields: { 'orgs.username_taken': 'username' },
    })
    expect(errors.username).toBe('用户名“a”已被使用。')
    expect(notify).not.toHaveBeenCalled()
  })
})
