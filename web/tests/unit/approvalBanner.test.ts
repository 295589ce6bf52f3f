// The approval banner on the case page says who asked for the approval and when, in either
// language, and says nothing of it when the server leaves it out (servers older than the field).
// Approving there takes a comment, in the inbox's dialog.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import type { Case, PendingApproval } from '@/api/cases'
import { i18n, setLocale } from '@/locales'
import ApprovalBanner from '@/views/cases/detail/ApprovalBanner.vue'
import { mockFetch } from './fetchMock'

function aCase(pending: PendingApproval | null): Case {
  return {
    id: 7,
    org_id: 4,
    org_name: '个案服务部',
    client_id: 1,
    client_name: '欧阳春花',
    stage: 'planning',
    risk: 'low',
    crisis: false,
    problem: '',
    primary_worker: { id: 5, name: '王芳' },
    co_worker: null,
    supervisor: null,
    opened_at: '2026-03-01T09:00:00+08:00',
    stage_started_at: { assessment: null, planning: null, intervention: null, evaluation: null, closed: null },
    first_contact_at: null,
    due_at: null,
    overdue: false,
    days_overdue: 0,
    closure_reason: null,
    reopen_count: 0,
    service_count: 0,
    crisis_interventions: 0,
    last_crisis_at: null,
    pending_approval: pending,
    risk_review: null,
    replanned_at: null,
    updated_at: '',
  }
}

function banner(pending: PendingApproval | null) {
  return mount(ApprovalBanner, {
    props: { kase: aCase(pending), canDecide: false },
    global: { plugins: [i18n, ElementPlus] },
  })
}

const ASKED: PendingApproval = {
  id: 9,
  kind: 'move',
  to: 'intervention',
  requested_by: { id: 5, name: '王芳' },
  requested_at: '2026-03-10T09:30:12+08:00',
}

describe('approval banner', () => {
  it('says who asked and when', () => {
    setLocale('zh-CN')
    const wrapper = banner(ASKED)
    expect(wrapper.find('[data-test="approval-banner"]').text()).toContain('待督导审批：计划 → 介入')
    expect(wrapper.find('[data-test="approval-requested"]').text()).toBe('由 王芳 于 2026-03-10 09:30 提交')
    setLocale('en')
    return wrapper.vm.$nextTick().then(() => {
      expect(wrapper.find('[data-test="approval-requested"]').text()).toBe('Submitted by 王芳 on 2026-03-10 09:30')
      setLocale('zh-CN')
    })
  })

  it('is not there without a pending approval', () => {
    expect(banner(null).find('[data-test="approval-banner"]').exists()).toBe(false)
  })

  it('approves with a comment in the decision dialog', async () => {
    setLocale('zh-CN')
    const { requests } = mockFetch([{ body: { id: 9, status: 'approved' } }])
    const wrapper = mount(ApprovalBanner, {
      props: { kase: aCase(ASKED), canDecide: true },
      global: { plugins: [i18n, ElementPlus] },
      attachTo: document.body,
    })
    await wrapper.find('[data-test="approval-approve"]').trigger('click')
    await flushPromises()
    const comment = document.querySelector('textarea[data-test="approval-comment"]') as HTMLTextAreaElement
    expect(comment).not.toBeNull()
    comment.value = '同意，注意家属参与'
    comment.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-test="approval-submit"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/approvals/9/decision'])
    expect(requests[0].body).toEqual({ decision: 'approve', comment: '同意，注意家属参与' })
    expect(wrapper.emitted('decided')).toHaveLength(1)
    wrapper.unmount()
  })
})
