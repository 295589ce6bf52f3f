// The sign-in page against a stubbed server: field errors under the field,
// the lock-out message in the form, the one-time code field on demand.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n, setLocale } from '@/locales'
import LoginView from '@/views/auth/login/index.vue'
import { errorBody, mockFetch, type Reply } from './fetchMock'

async function mountLogin() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/home', name: 'home', component: { template: '<div>home</div>' } },
      { path: '/totp-setup', name: 'totp-setup', component: { template: '<div>totp</div>' } },
      { path: '/p/book', name: 'public-booking', component: { template: '<div>book</div>' } },
      { path: '/p/feedback', name: 'public-feedback', component: { template: '<div>feedback</div>' } },
    ],
  })
  await router.push('/login')
  await router.isReady()
  const wrapper = mount(LoginView, {
    global: { plugins: [createPinia(), i18n, router, ElementPlus] },
    attachTo: document.body,
  })
  return { wrapper, router }
}

async function signIn(wrapper: Awaited<ReturnType<typeof mountLogin>>['wrapper'], username: string, password: string) {
  await wrapper.find('[data-test="login-username"]').setValue(username)
  await wrapper.find('[data-test="login-password"]').setValue(password)
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
  await nextTick()
}

describe('sign-in page', () => {
  it('is in Chinese by default', async () => {
    setLocale('zh-CN')
    const { wrapper } = await mountLogin()
    expect(wrapper.text()).toContain('用户名')
    expect(wrapper.text()).toContain('密码')
    expect(wrapper.find('[data-test="login-submit"]').text()).toBe('登录')
    wrapper.unmount()
  })

  it('links the citizens\' public forms below the card', async () => {
    setLocale('zh-CN')
    const { wrapper } = await mountLogin()
    const booking = wrapper.find('[data-test="login-link-booking"]')
    const feedback = wrapper.find('[data-test="login-link-feedback"]')
    expect(booking.attributes('href')).toBe('/p/book')
    expect(booking.text()).toBe('在线咨询预约')
    expect(feedback.attributes('href')).toBe('/p/feedback')
    expect(feedback.text()).toBe('投诉建议')
    wrapper.unmount()
  })

  it('shows a server field error under the field', async () => {
    setLocale('zh-CN')
    mockFetch([
      {
        status: 400,
        body: errorBody('validation.failed', '提交的数据有误，请检查标出的字段。', [
          { field: 'username', code: 'too_long', message: '过长（最多 64 个字符）。' },
        ]),
      },
    ])
    const { wrapper } = await mountLogin()
    await signIn(wrapper, 'x'.repeat(70), 'secret')
    const item = wrapper.find('[data-test="login-username"]').element.closest('.el-form-item') as HTMLElement
    // Element Plus shows a field error after a short debounce.
    await vi.waitFor(() => expect(item.querySelector('.el-form-item__error')?.textContent).toContain('过长（最多 64 个字符）。'))
    wrapper.unmount()
  })

  it('shows the lock-out message from the server', async () => {
    setLocale('zh-CN')
    mockFetch([{ status: 423, body: errorBody('auth.locked', '登录失败次数过多，账号已锁定，请 15 分钟后再试。') }])
    const { wrapper } = await mountLogin()
    await signIn(wrapper, 'worker', 'wrong')
    expect(wrapper.find('[data-test="login-error"]').text()).toContain('账号已锁定')
    wrapper.unmount()
  })

  it('asks for the one-time code when the server requires it, then signs in', async () => {
    setLocale('zh-CN')
    const replies: Reply[] = [
      { status: 401, body: errorBody('auth.totp_required', '请输入动态验证码。') },
      {
        body: {
          id: 1,
          username: 'admin',
          display_name: '系统管理员',
          memberships: [],
          permissions: [],
          via_token: false,
          csrf_token: 't',
          needs_totp_setup: false,
        },
      },
    ]
    const { requests } = mockFetch(replies)
    const { wrapper, router } = await mountLogin()
    expect(wrapper.find('[data-test="login-totp"]').exists()).toBe(false)
    await signIn(wrapper, 'admin', 'Jieli@2026')
    expect(wrapper.find('[data-test="login-totp"]').exists()).toBe(true)
    // The new field waits for the code: no "required" error before the user has typed anything.
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    expect(wrapper.findAll('.el-form-item.is-error')).toHaveLength(0)
    await wrapper.find('[data-test="login-totp"]').setValue('123456')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()
    expect(requests[1].body).toMatchObject({ username: 'admin', totp_code: '123456' })
    expect(router.currentRoute.value.name).toBe('home')
    wrapper.unmount()
  })

  it('speaks English after the switch', async () => {
    setLocale('en')
    const { wrapper } = await mountLogin()
    expect(wrapper.text()).toContain('User name')
    expect(wrapper.find('[data-test="login-submit"]').text()).toBe('Sign in')
    setLocale('zh-CN')
    wrapper.unmount()
  })
})
