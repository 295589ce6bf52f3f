// useConfirmAction: confirm → act → success message → reload; a cancel or a failed call stops there.
import { mount } from '@vue/test-utils'
import { ElMessage, ElMessageBox } from 'element-plus'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { useConfirmAction, type ConfirmActionOptions } from '@/composables/useConfirmAction'
import { i18n } from '@/locales'

function setup() {
  let confirmAction!: (options: ConfirmActionOptions) => Promise<boolean>
  const wrapper = mount(
    defineComponent({
      setup() {
        confirmAction = useConfirmAction()
        return () => null
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return { confirmAction, wrapper }
}

function options() {
  return {
    message: '确定停用“甲”吗？',
    confirmText: '停用',
    action: vi.fn(() => Promise.resolve()),
    success: '已停用“甲”',
    reload: vi.fn(),
  }
}

describe('useConfirmAction', () => {
  it('asks with a warning box, then acts, tells and reloads', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const success = vi.spyOn(ElMessage, 'success').mockImplementation((() => {}) as never)
    const { confirmAction } = setup()
    const o = options()
    expect(await confirmAction(o)).toBe(true)
    expect(confirm).toHaveBeenCalledWith('确定停用“甲”吗？', i18n.global.t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: '停用',
      cancelButtonText: i18n.global.t('common.cancel'),
    })
    expect(o.action).toHaveBeenCalledTimes(1)
    expect(success).toHaveBeenCalledWith('已停用“甲”')
    expect(o.reload).toHaveBeenCalledTimes(1)
    expect(success.mock.invocationCallOrder[0]).toBeLessThan(o.reload.mock.invocationCallOrder[0])
  })

  it('does nothing when the user cancels', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const success = vi.spyOn(ElMessage, 'success').mockImplementation((() => {}) as never)
    const { confirmAction } = setup()
    const o = options()
    expect(await confirmAction(o)).toBe(false)
    expect(o.action).not.toHaveBeenCalled()
    expect(success).not.toHaveBeenCalled()
    expect(o.reload).not.toHaveBeenCalled()
  })

  it('neither tells nor reloads when the call fails (the client has shown the error)', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const success = vi.spyOn(ElMessage, 'success').mockImplementation((() => {}) as never)
    const { confirmAction } = setup()
    const o = { ...options(), action: vi.fn(() => Promise.reject(new Error('boom'))) }
    expect(await confirmAction(o)).toBe(false)
    expect(success).not.toHaveBeenCalled()
    expect(o.reload).not.toHaveBeenCalled()
  })
})
