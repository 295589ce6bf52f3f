// The client dialog against a stubbed server: a possible duplicate listed with its organisation and
// saved anyway on request; the server's field issues (nested household rows included) under their
// fields with the typed input kept; and the form model's mapping to the request.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { Client } from '@/api/clients'
import { configureClient } from '@/api/request'
import { i18n, setLocale } from '@/locales'
import ClientFormDialog from '@/views/clients/list/ClientFormDialog.vue'
import { emptyForm, errorOf, formFields, formFromClient, showsClientField } from '@/views/clients/list/clientForm'
import { errorBody, mockFetch, type RecordedRequest, type Reply } from './fetchMock'

const ORG = {
  id: 4,
  parent_id: null,
  kind: 'department',
  agency_type: '',
  name: '个案服务部',
  region_id: null,
  contact_phone: '',
  address: '',
  active: true,
  created_at: '',
  updated_at: '',
}

function client(overrides: Partial<Client> = {}): Client {
  return {
    id: 301,
    org_id: 4,
    name: '欧阳春花',
    gender: 'female',
    birth_date: '1985-03-12',
    id_number: '420***********7192',
    phone: '139****7198',
    address: '',
    region_id: null,
    household: [],
    categories: [],
    disability_level: null,
    consents: [],
    risk_flags: [],
    has_risk: false,
    notes: '',
    created_at: '',
    updated_at: '',
    ...overrides,
  }
}

/** Answers the look-ups every dialog makes; `save` answers POST/PATCH of clients. */
function server(save: (request: RecordedRequest) => Reply) {
  return mockFetch((request) => {
    if (request.url.startsWith('/api/v1/orgs')) return { body: { items: [ORG], total: 1, page: 1, page_size: 200 } }
    if (request.url.startsWith('/api/v1/regions')) return { body: { items: [] } }
    if (request.method === 'GET' && request.url === '/api/v1/clients/301') return { body: client() }
    return save(request)
  })
}

// How long to wait for the dialog to catch up with an answer.
const WAIT = { timeout: 5000 }

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
  await nextTick()
}

async function openDialog(props: { client: Client | null; defaultOrgId?: number | null }) {
  const wrapper = mount(ClientFormDialog, {
    props: { modelValue: false, ...props },
    global: { plugins: [createPinia(), i18n, ElementPlus] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await settle()
  return wrapper
}

function errorUnder(wrapper: Awaited<ReturnType<typeof openDialog>>, selector: string): string {
  const item = wrapper.find(selector).element.closest('.el-form-item') as HTMLElement
  return item.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

// Mounting the whole form in jsdom takes seconds on a busy machine: more than Vitest's 5 s default.
describe('client dialog', { timeout: 30_000 }, () => {
  beforeEach(() => {
    // jsdom lays nothing out, so label-width="auto" measures NaN; Element Plus warns of it on unmount.
    const warn = console.warn.bind(console)
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).includes('unexpected width NaN')) warn(...args)
    })
  })

  it('lists the possible duplicates and saves anyway with confirm_not_duplicate', async () => {
    setLocale('zh-CN')
    const notify = vi.fn()
    configureClient({ notify })
    const { requests } = server((request) =>
      request.body && (request.body as { confirm_not_duplicate?: boolean }).confirm_not_duplicate
        ? { status: 201, body: client({ id: 302 }) }
        : {
            status: 409,
            body: errorBody('clients.possible_duplicate', '发现 1 位姓名相近且手机号相同的服务对象，可能重复。', [
              {
                field: 'candidates',
                code: 'candidate',
                message: '可能是同一人：编号 301，欧***，139****7198。',
                params: { id: '301', name: '欧***', phone: '139****7198' },
              },
            ]),
          },
    )
    const wrapper = await openDialog({ client: null, defaultOrgId: 4 })
    await wrapper.find('[data-test="client-name"]').setValue('欧阳春花')
    await wrapper.find('[data-test="client-phone"]').setValue('13900007198')
    await wrapper.find('[data-test="client-save"]').trigger('click')
    await settle()

    const warning = wrapper.find('[data-test="client-duplicate"]')
    expect(warning.exists()).toBe(true)
    expect(warning.text()).toContain('可能重复')
    // Name and phone as the server masked them; the organisation looked up from the candidate.
    await vi.waitFor(() => expect(warning.find('[data-test="client-duplicate-candidates"]').text()).toContain('个案服务部'), WAIT)
    const candidates = warning.find('[data-test="client-duplicate-candidates"]').text()
    expect(candidates).toContain('301')
    expect(candidates).toContain('欧***')
    expect(candidates).toContain('139****7198')
    expect(notify).not.toHaveBeenCalled()
    // What the user typed is still there.
    expect((wrapper.find('[data-test="client-name"]').element as HTMLInputElement).value).toBe('欧阳春花')

    await wrapper.find('[data-test="client-save-anyway"]').trigger('click')
    await settle()
    const posts = requests.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(2)
    expect(posts[0].body).toMatchObject({ org_id: 4, name: '欧阳春花', phone: '13900007198' })
    expect(posts[0].body).not.toHaveProperty('confirm_not_duplicate')
    expect(posts[1].body).toMatchObject({ org_id: 4, name: '欧阳春花', phone: '13900007198', confirm_not_duplicate: true })
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ id: 302 })
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })

  it('shows the server’s field issues under their fields, nested rows included, and keeps the input', async () => {
    setLocale('zh-CN')
    const notify = vi.fn()
    configureClient({ notify })
    server(() => ({
      status: 400,
      body: errorBody('validation.failed', '提交的数据有误，请检查标出的字段。', [
        { field: 'household[0].name', code: 'required', message: '必填。' },
        { field: 'id_number', code: 'id_number_invalid', message: '身份证号无效（应为 18 位，且校验位正确）。' },
        { field: 'risk_flags[1]', code: 'too_long', message: '过长（最多 50 个字符）。' },
      ]),
    }))
    const wrapper = await openDialog({ client: null, defaultOrgId: 4 })
    await wrapper.find('[data-test="client-name"]').setValue('欧阳春花')
    // Valid as typed (an invalid one is refused before it is sent): the server's issue still shows.
    await wrapper.find('[data-test="client-id-number"]').setValue('420106198503121233')
    await wrapper.find('[data-test="household-add"]').trigger('click')
    await wrapper.find('[data-test="client-save"]').trigger('click')
    await settle()
    await vi.waitFor(() => expect(errorUnder(wrapper, '[data-test="household-name"]')).toBe('必填。'), WAIT)
    expect(errorUnder(wrapper, '[data-test="client-id-number"]')).toBe('身份证号无效（应为 18 位，且校验位正确）。')
    expect(errorUnder(wrapper, '[data-test="client-risk-flags"]')).toBe('过长（最多 50 个字符）。')
    expect(notify).not.toHaveBeenCalled()
    expect((wrapper.find('[data-test="client-id-number"]').element as HTMLInputElement).value).toBe('420106198503121233')
    expect(wrapper.find('[data-test="client-duplicate"]').exists()).toBe(false)
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })

  it('puts a duplicate ID number under the ID number field', async () => {
    setLocale('zh-CN')
    server(() => ({
      status: 409,
      body: errorBody('clients.duplicate_id_number', '该身份证号已登记（服务对象编号 42），请勿重复建档。', [
        { field: 'id_number', code: 'duplicate_id_number', message: '该身份证号已登记（服务对象编号 42）。', params: { existing_id: '42' } },
      ]),
    }))
    const wrapper = await openDialog({ client: null, defaultOrgId: 4 })
    await wrapper.find('[data-test="client-name"]').setValue('欧阳春花')
    await wrapper.find('[data-test="client-id-number"]').setValue('420106198503127192')
    await wrapper.find('[data-test="client-save"]').trigger('click')
    await settle()
    await vi.waitFor(() => expect(errorUnder(wrapper, '[data-test="client-id-number"]')).toContain('服务对象编号 42'), WAIT)
    wrapper.unmount()
  })

  it('fills birth date and gender from the ID number as typed, and sends no number it can tell is wrong', async () => {
    setLocale('zh-CN')
    const sent: RecordedRequest[] = []
    server((request) => {
      sent.push(request)
      return { status: 201, body: {} }
    })
    const wrapper = await openDialog({ client: null, defaultOrgId: 4 })
    await wrapper.find('[data-test="client-name"]').setValue('欧阳春花')
    await wrapper.find('[data-test="client-id-number"]').setValue('420106195602280025')
    await settle()
    const birthItem = [...document.querySelectorAll('.el-form-item')].find((item) =>
      item.querySelector('.el-form-item__label')?.textContent?.includes('出生日期'),
    )
    expect(birthItem?.querySelector('input')?.value).toBe('1956-02-28')
    const checked = document.querySelector('[data-test="client-gender"] .el-radio.is-checked')
    expect(checked?.textContent?.trim()).toBe('女')
    expect(wrapper.find('[data-test="client-id-filled"]').exists()).toBe(true)
    await wrapper.find('[data-test="client-id-number"]').setValue('420106195602280024')
    await settle()
    await wrapper.find('[data-test="client-save"]').trigger('click')
    await settle()
    expect(sent.filter((r) => r.method === 'POST')).toEqual([])
    wrapper.unmount()
  })

  it('edits with PATCH and leaves the masked identifiers alone', async () => {
    setLocale('zh-CN')
    const { requests } = server(() => ({ body: client({ name: '欧阳春华' }) }))
    const wrapper = await openDialog({ client: client() })
    expect((wrapper.find('[data-test="client-id-number"]').element as HTMLInputElement).placeholder).toContain('420***********7192')
    await wrapper.find('[data-test="client-name"]').setValue('欧阳春华')
    await wrapper.find('[data-test="client-save"]').trigger('click')
    await settle()
    const patch = requests.find((r) => r.method === 'PATCH')
    expect(patch?.url).toBe('/api/v1/clients/301')
    expect(patch?.body).toMatchObject({ name: '欧阳春华', gender: 'female', birth_date: '1985-03-12' })
    expect(patch?.body).not.toHaveProperty('id_number')
    expect(patch?.body).not.toHaveProperty('phone')
    expect(patch?.body).not.toHaveProperty('org_id')
    wrapper.unmount()
  })
})

describe('client form model', () => {
  it('sends trimmed fields, a grade only with the category, and open consents as null', () => {
    const form = {
      ...emptyForm(4),
      name: ' 张三 ',
      categories: ['elderly' as const],
      disability_level: 2,
      consents: [{ kind: 'service', scope: ' 个案 ', given_on: '2026-01-02', withdrawn_on: '' }],
      risk_flags: [' 独居 '],
    }
    const fields = formFields(form, false)
    expect(fields).toMatchObject({
      name: '张三',
      disability_level: null,
      consents: [{ kind: 'service', scope: '个案', given_on: '2026-01-02', withdrawn_on: null }],
      risk_flags: ['独居'],
      id_number: '',
      phone: '',
    })
    expect(formFields({ ...form, categories: ['disabled'] }, false).disability_level).toBe(2)
  })

  it('keeps the identifiers on record when editing unless new ones are typed', () => {
    const form = formFromClient(client())
    expect(form.id_number).toBe('')
    expect(formFields(form, true)).not.toHaveProperty('id_number')
    expect(formFields({ ...form, phone: '13800001111' }, true).phone).toBe('13800001111')
  })

  it('shows nested field paths and folds item errors into their control', () => {
    for (const field of ['name', 'household[2].contact', 'consents[0].withdrawn_on', 'risk_flags[3]', 'categories[0]']) {
      expect(showsClientField(field), field).toBe(true)
    }
    expect(showsClientField('candidates')).toBe(false)
    expect(showsClientField('rows[3].name')).toBe(false)
    expect(errorOf({ 'risk_flags[1]': '过长' }, 'risk_flags')).toBe('过长')
    expect(errorOf({}, 'risk_flags')).toBeUndefined()
  })
})
