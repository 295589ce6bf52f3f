// The approval dialog against a stubbed server: sending back needs a comment (checked here first,
// and the server's own check lands under the field), an approval posts the decision, and a refusal
// such as cases.self_approval is shown once, in the server's words.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { Approval } from '@/api/cases'
import { configureClient, setCsrfToken } from '@/api/request'
import { i18n, setLocale } from '@/locales'
import ApprovalDecisionDialog from '@/views/approvals/inbox/ApprovalDecisionDialog.vue'
import { errorBody, mockFetch, type Reply } from './fetchMock'

const APPROVAL: Approval = {
  id: 36,
  kind: 'move',
  case_id: 28,
  org_id: 4,
  client_id: 12,
  client_name: '谢杰',
  from: 'planning',
  to: 'intervention',
  status: 'pending',
  requested_by: { id: 5, name: '王芳' },
  requested_at: '2026-11-13T13:37:51+08:00',
  decided_by: null,
  decided_at: null,
  comment: '',
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
  await nextTick()
}

async function openDialog(decision: 'approve' | 'reject') {
  const wrapper = mount(ApprovalDecisionDialog, {
    props: { modelValue: false, approval: APPROVAL, decision },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await settle()
  return wrapper
}

function commentError(wrapper: Awaited<ReturnType<typeof openDialog>>): string {
  const item = wrapper.find('[data-test="approval-comment"]').element.closest('.el-form-item') as HTMLElement
  return item.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

describe('approval dialog', { timeout: 30_000 }, () => {
  it('will not send back without a comment, then places the server\'s comment error', async () => {
    setLocale('zh-CN')
    const replies: Reply[] = [
      { status: 422, body: errorBody('validation.failed', '提交的数据有误', [{ field: 'comment', code: 'required', message: '必填。' }]) },
    ]
    const { requests } = mockFetch(replies)
    const wrapper = await openDialog('reject')
    await wrapper.find('[data-test="approval-submit"]').trigger('click')
    await settle()
    expect(requests).toHaveLength(0)
    // Element Plus shows a form item's error after a short debounce.
    await vi.waitFor(() => expect(commentError(wrapper)).toBe('退回时须填写意见'))

    await wrapper.find('textarea[data-test="approval-comment"]').setValue('  ')
    await wrapper.find('[data-test="approval-submit"]').trigger('click')
    await settle()
    expect(requests).toHaveLength(0)

    // Should the server still refuse the comment, its message goes under the field.
    await wrapper.find('textarea[data-test="approval-comment"]').setValue('请补充')
    await wrapper.find('[data-test="approval-submit"]').trigger('click')
    await settle()
    expect(requests[0].body).toEqual({ decision: 'reject', comment: '请补充' })
    await vi.waitFor(() => expect(commentError(wrapper)).toBe('必填。'))
    expect(wrapper.emitted('decided')).toBeUndefined()
    wrapper.unmount()
  })

  it('approves with the CSRF token and tells the list', async () => {
    setCsrfToken('t-9')
    const { requests } = mockFetch([{ body: { ...APPROVAL, status: 'approved' } }])
    const wrapper = await openDialog('approve')
    await wrapper.find('[data-test="approval-submit"]').trigger('click')
    await settle()
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/approvals/36/decision'])
    expect(requests[0].headers['X-CSRF-Token']).toBe('t-9')
    expect(requests[0].body).toEqual({ decision: 'approve', comment: '' })
    expect(wrapper.emitted('decided')?.[0]).toEqual([{ ...APPROVAL, status: 'approved' }])
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })

  it('shows a refusal such as cases.self_approval once, as the server worded it', async () => {
    const notify = vi.fn()
    configureClient({ notify })
    mockFetch([{ status: 403, body: errorBody('cases.self_approval', 'You cannot approve a case you work on.') }])
    const wrapper = await openDialog('approve')
    await wrapper.find('[data-test="approval-submit"]').trigger('click')
    await settle()
    expect(notify).toHaveBeenCalledTimes(1)
    expect(notify).toHaveBeenCalledWith('You cannot approve a case you work on.')
    expect(wrapper.emitted('decided')).toBeUndefined()
    wrapper.unmount()
  })
})
