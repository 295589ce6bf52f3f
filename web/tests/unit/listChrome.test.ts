// The list pages' shared filter bar and pager.
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import ListFilterBar from '@/components/ListFilterBar.vue'
import ListPagination from '@/components/ListPagination.vue'
import { i18n } from '@/locales'

describe('ListFilterBar', () => {
  it('lays out fields, Search, Reset and the page actions, and emits search and reset', async () => {
    const wrapper = mount(ListFilterBar, {
      slots: { default: () => h('input', { class: 'field' }), actions: () => h('button', { class: 'extra' }, 'X') },
      global: { plugins: [i18n, ElementPlus] },
    })
    const form = wrapper.find('form.filter-bar')
    expect(form.find('input.field').exists()).toBe(true)
    expect(form.find('.filter-actions .extra').exists()).toBe(true)
    const buttons = form.findAll(':scope > button')
    expect(buttons.map((b) => b.text())).toEqual([i18n.global.t('common.search'), i18n.global.t('common.reset')])
    await form.trigger('submit')
    await buttons[1].trigger('click')
    expect(wrapper.emitted('search')).toHaveLength(1)
    expect(wrapper.emitted('reset')).toHaveLength(1)
  })
})

describe('ListPagination', () => {
  it('drops the jumper on a narrow screen', () => {
    const mountPager = (narrow: boolean) =>
      mount(ListPagination, {
        props: { page: 1, pageSize: 20, total: 100, narrow },
        global: { plugins: [i18n, ElementPlus] },
      })
    expect(mountPager(false).find('.table-pager .el-pagination__jump').exists()).toBe(true)
    expect(mountPager(true).find('.table-pager .el-pagination__jump').exists()).toBe(false)
  })
})
