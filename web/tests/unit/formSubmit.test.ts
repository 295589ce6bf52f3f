// useFormSubmit: `saving` during the call, stale errors cleared, a failure's field issues placed.
import { describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient } from '@/api/request'
import { useFormSubmit } from '@/composables/useFormSubmit'

describe('useFormSubmit', () => {
  it('is saving while the call runs and clears old errors first', async () => {
    const { saving, errors, submitWith } = useFormSubmit()
    errors.name = 'old'
    let release!: () => void
    const pending = submitWith(
      () =>
        new Promise<void>((resolve) => {
          release = resolve
        }),
      { shows: () => true },
    )
    expect(saving.value).toBe(true)
    expect(errors.name).toBeUndefined()
    release()
    expect(await pending).toBe(true)
    expect(saving.value).toBe(false)
  })

  it('puts a failed save’s field issues under the fields', async () => {
    const notify = vi.fn()
    configureClient({ notify })
    const { saving, errors, submitWith } = useFormSubmit()
    const error = new ApiError(400, 'validation.failed', '提交的数据有误', [
      { field: 'new_password', code: 'password_too_short', message: '密码至少 8 个字符。' },
    ])
    const ok = await submitWith(() => Promise.reject(error), { shows: (f) => f === 'new_password' })
    expect(ok).toBe(false)
    expect(saving.value).toBe(false)
    expect(errors.new_password).toBe('密码至少 8 个字符。')
    expect(notify).not.toHaveBeenCalled()
  })

  it('maps a code onto its field', async () => {
    const { errors, submitWith } = useFormSubmit()
    await submitWith(() => Promise.reject(new ApiError(409, 'orgs.username_taken', '用户名已被使用。')), {
      shows: () => true,
      codeFields: { 'orgs.username_taken': 'username' },
    })
    expect(errors.username).toBe('用户名已被使用。')
  })
})
