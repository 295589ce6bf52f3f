// Row actions of the list tables: buttons on a wide screen, one menu on a narrow one, and the
// breakpoint that switches between them.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import TableRowActions from '@/components/TableRowActions.vue'
import type { RowAction } from '@/components/rowActions'
import { NARROW_MAX_WIDTH, useNarrowScreen } from '@/composables/useNarrowScreen'
import { i18n } from '@/locales'

type Command = 'edit' | 'deactivate'
const actions: RowAction<Command>[] = [
  { command: 'edit', label: '编辑' },
  { command: 'deactivate', label: '停用', danger: true },
]

function mountActions(narrow: boolean) {
  return mount(TableRowActions<Command>, {
    props: { actions, narrow },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  })
}

describe('TableRowActions', () => {
  it('shows a link button per action on a wide screen', async () => {
    const wrapper = mountActions(false)
    const buttons = wrapper.findAll('button')
    expect(buttons.map((b) => b.text())).toEqual(['编辑', '停用'])
    expect(buttons[1].classes()).toContain('el-button--danger')
    await buttons[1].trigger('click')
    expect(wrapper.emitted('command')).toEqual([['deactivate']])
    wrapper.unmount()
  })

  it('folds the actions into a menu on a narrow screen', async () => {
    const wrapper = mountActions(true)
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['更多'])
    await wrapper.find('button').trigger('click')
    await flushPromises()
    const items = [...document.body.querySelectorAll<HTMLElement>('.el-dropdown-menu__item')]
    expect(items.map((i) => i.textContent?.trim())).toEqual(['编辑', '停用'])
    expect(items[1].classList).toContain('row-action-danger')
    items[0].click()
    await nextTick()
    expect(wrapper.emitted('command')).toEqual([['edit']])
    wrapper.unmount()
  })

  it('names each action row-action-<command>, or by its own test name where a page gives one', async () => {
    const named: RowAction<Command>[] = [{ command: 'edit', label: '编辑', test: 'intake-accept' }, actions[1]]
    for (const narrow of [false, true]) {
      const wrapper = mount(TableRowActions<Command>, {
        props: { actions: named, narrow },
        global: { plugins: [i18n, ElementPlus] },
        attachTo: document.body,
      })
      if (narrow) {
        await wrapper.find('button').trigger('click')
        await flushPromises()
      }
      expect(document.body.querySelector('[data-test="intake-accept"]')).not.toBeNull()
      expect(document.body.querySelector('[data-test="row-action-edit"]')).toBeNull()
      expect(document.body.querySelector('[data-test="row-action-deactivate"]')).not.toBeNull()
      wrapper.unmount()
    }
  })
})

describe('useNarrowScreen', () => {
  it('follows the media query and stops listening with its scope', () => {
    const listeners = new Set<(event: MediaQueryListEvent) => void>()
    const query = {
      matches: true,
      addEventListener: (_: string, fn: (event: MediaQueryListEvent) => void) => listeners.add(fn),
      removeEventListener: (_: string, fn: (event: MediaQueryListEvent) => void) => listeners.delete(fn),
    }
    const matchMedia = vi.fn(() => query)
    vi.stubGlobal('matchMedia', matchMedia)
    const scope = effectScope()
    const narrow = scope.run(() => useNarrowScreen())!
    expect(matchMedia).toHaveBeenCalledWith(`(max-width: ${NARROW_MAX_WIDTH}px)`)
    expect(narrow.value).toBe(true)
    for (const fn of listeners) fn({ matches: false } as MediaQueryListEvent)
    expect(narrow.value).toBe(false)
    scope.stop()
    expect(listeners.size).toBe(0)
  })

  it('counts as wide where matchMedia is missing', () => {
    vi.stubGlobal('matchMedia', undefined)
    const scope = effectScope()
    expect(scope.run(() => useNarrowScreen().value)).toBe(false)
    scope.stop()
  })
})
