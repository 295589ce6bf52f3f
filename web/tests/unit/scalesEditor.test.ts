// The case settings' scales (issue 13): the catalogue by name in the chosen language, not by code; the
// agency's own scales edited with a Chinese and an English name; the server's issues at their cells.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { AgencyScales } from '@/api/cases'
import { i18n, setLocale } from '@/locales'
import ScalesEditor from '@/views/settings/casework/ScalesEditor.vue'
import { errorBody, mockFetch } from './fetchMock'

const SCALES: AgencyScales = {
  catalogue: [
    { code: 'phq_9', name: '患者健康问卷（PHQ-9）', name_en: 'Patient Health Questionnaire (PHQ-9)', min: 0, max: 27, higher_is_better: false, built_in: true },
    { code: 'parenting_stress', name: '亲职压力量表', name_en: '', min: 36, max: 180, higher_is_better: false },
  ],
  scales: [{ code: 'parenting_stress', name: '亲职压力量表', name_en: '', min: 36, max: 180, higher_is_better: false }],
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
  await nextTick()
}

async function open(locale: 'zh-CN' | 'en') {
  setLocale(locale)
  const wrapper = mount(ScalesEditor, { props: { orgId: 4 }, global: { plugins: [i18n, ElementPlus] }, attachTo: document.body })
  await settle()
  return wrapper
}

describe('scales editor', { timeout: 30_000 }, () => {
  it('names the scales in the chosen language, the Chinese standing in for a missing English name', async () => {
    mockFetch([{ body: SCALES }])
    const wrapper = await open('en')
    try {
      expect(wrapper.findAll('[data-test="scale-name"]').map((n) => n.text())).toEqual([
        'Patient Health Questionnaire (PHQ-9)',
        '亲职压力量表',
      ])
      expect(wrapper.text()).not.toContain('phq_9')
      expect(wrapper.text()).toContain('Lower is better')
    } finally {
      setLocale('zh-CN')
      wrapper.unmount()
    }
  })

  it('saves the agency\'s scales with their English names and places the server\'s issues', async () => {
    const { requests } = mockFetch([
      { body: SCALES },
      { status: 422, body: errorBody('validation.failed', '提交的数据有误', [{ field: 'scales[0].max', code: 'out_of_range', message: '须大于最低分' }]) },
    ])
    const wrapper = await open('zh-CN')
    await wrapper.find('[data-test="scale-0"] input[data-test="scale-name-en"]').setValue(' Parenting Stress Index ')
    await wrapper.find('[data-test="scales-save"]').trigger('click')
    await settle()
    expect(requests[1].method).toBe('PUT')
    expect(requests[1].url).toBe('/api/v1/orgs/4/case-scales')
    expect(requests[1].body).toEqual({
      scales: [{ code: 'parenting_stress', name: '亲职压力量表', name_en: 'Parenting Stress Index', min: 36, max: 180, higher_is_better: false }],
    })
    await vi.waitFor(() => expect(wrapper.find('[data-test="scale-0"]').text()).toContain('须大于最低分'))
    wrapper.unmount()
  })
})
