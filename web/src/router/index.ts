// Routes and the sign-in guard. A route's meta.permission hides it (and its menu
// entry) from users without that permission.
import { createRouter, createWebHistory, type RouteLocationRaw, type RouteRecordRaw } from 'vue-router'
import type { Permission } from '@/api/auth'
import { isApiError } from '@/api/request'
import { useUserStore } from '@/stores/user'
import LoginView from '@/views/auth/login/index.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** Needed to open the page. */
    permission?: Permission
    /** Any one of these opens the page (投诉建议: clients.write or quality.read). */
    anyPermission?: Permission[]
    /** i18n key of the page title. */
    title?: string
    /** The menu entry to highlight when the page has none of its own (a case → 个案). */
    menu?: string
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    // In the entry bundle: it is the first screen of every new visit, and a separate chunk would
    // cost a round trip more on a slow phone connection.
    component: LoginView,
    meta: { public: true, title: 'auth.title' },
  },
  {
    path: '/totp-setup',
    name: 'totp-setup',
    component: () => import('@/views/auth/totp-setup/index.vue'),
    meta: { title: 'auth.totpSetup.title' },
  },
  {
    path: '/',
    component: () => import('@/components/layout/AppLayout.vue'),
    redirect: { name: 'home' },
    children: [
      {
        path: 'home',
        name: 'home',
        component: () => import('@/views/home/dashboard/index.vue'),
        meta: { title: 'layout.menu.home' },
      },
      {
        path: 'clients',
        name: 'clients',
        component: () => import('@/views/clients/list/index.vue'),
        meta: { permission: 'clients.read', title: 'layout.menu.clients' },
      },
      {
        path: 'clients/:id(\\d+)',
        name: 'client-profile',
        component: () => import('@/views/clients/profile/index.vue'),
        meta: { permission: 'clients.read', title: 'clients.profile.title', menu: 'clients' },
      },
      {
        // 接案申请: what citizens sent from 咨询预约 (/p/book). Those who write clients see their
        // agencies' requests; the city's operators (clients.read on the top organisation) its queue.
        path: 'intake',
        name: 'intake',
        component: () => import('@/views/intake/list/index.vue'),
        meta: { anyPermission: ['clients.write', 'clients.read'], title: 'intake.menu' },
      },
      {
        path: 'cases',
        name: 'cases',
        component: () => import('@/views/cases/list/index.vue'),
        meta: { permission: 'cases.read', title: 'casework.menu.cases' },
      },
      {
        path: 'quality',
        name: 'quality',
        component: () => import('@/views/quality/dashboard/index.vue'),
        meta: { permission: 'quality.read', title: 'quality.dashboard.title' },
      },
      {
        path: 'quality/indicators/:id([a-z_0-9]+)',
        name: 'quality-indicator',
        component: () => import('@/views/quality/indicator/index.vue'),
        meta: { permission: 'quality.read', title: 'quality.dashboard.title', menu: 'quality' },
      },
      {
        path: 'approvals',
        name: 'approvals',
        component: () => import('@/views/approvals/inbox/index.vue'),
        meta: { permission: 'cases.approve', title: 'casework.menu.approvals' },
      },
      {
        path: 'cases/:id(\\d+)',
        name: 'case-detail',
        component: () => import('@/views/cases/detail/index.vue'),
        meta: { permission: 'cases.read', title: 'caseDetail.title', menu: 'cases' },
      },
      {
        path: 'quality/objectives',
        name: 'quality-objectives',
        component: () => import('@/views/quality/objectives/index.vue'),
        meta: { permission: 'quality.read', title: 'quality.objectives.menu' },
      },
      {
        path: 'quality/supervision',
        name: 'quality-supervision',
        component: () => import('@/views/quality/supervision/index.vue'),
        meta: { permission: 'quality.read', title: 'quality.supervision.menu' },
      },
      {
        path: 'quality/training',
        name: 'quality-training',
        component: () => import('@/views/quality/training/index.vue'),
        meta: { permission: 'quality.read', title: 'quality.training.menu' },
      },
      {
        path: 'quality/audits',
        name: 'quality-audits',
        component: () => import('@/views/quality/audits/index.vue'),
        meta: { permission: 'quality.read', title: 'quality.audits.menu' },
      },
      {
        path: 'quality/audits/:id(\\d+)',
        name: 'quality-audit',
        component: () => import('@/views/quality/audits/round.vue'),
        meta: { permission: 'quality.read', title: 'quality.audits.menu', menu: 'quality-audits' },
      },
      {
        path: 'quality/improvements',
        name: 'quality-improvements',
        component: () => import('@/views/quality/improvements/index.vue'),
        meta: { permission: 'quality.read', title: 'quality.improvements.menu' },
      },
      {
        // 投诉建议: those who register complaints (clients.write) and those who oversee them (quality.read).
        path: 'complaints',
        name: 'complaints',
        component: () => import('@/views/complaints/list/index.vue'),
        meta: { anyPermission: ['clients.write', 'quality.read'], title: 'complaints.menu' },
      },
      {
        path: 'complaints/:id(\\d+)',
        name: 'complaint-detail',
        component: () => import('@/views/complaints/detail/index.vue'),
        meta: { anyPermission: ['clients.write', 'quality.read'], title: 'complaints.detail.title', menu: 'complaints' },
      },
      {
        // 满意度调查: everyone who reads clients sees the surveys and their results; quality managers
        // make and close them, those who write clients send them (the page asks for those).
        path: 'surveys',
        name: 'surveys',
        component: () => import('@/views/surveys/list/index.vue'),
        meta: { permission: 'clients.read', title: 'surveys.menu' },
      },
      {
        path: 'surveys/:id(\\d+)',
        name: 'survey-detail',
        component: () => import('@/views/surveys/detail/index.vue'),
        meta: { permission: 'clients.read', title: 'surveys.detail.title', menu: 'surveys' },
      },
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/views/notifications/list/index.vue'),
        meta: { title: 'notifications.title' },
      },
      {
        path: 'admin/orgs',
        name: 'orgs',
        component: () => import('@/views/orgs/list/index.vue'),
        meta: { permission: 'orgs.manage', title: 'layout.menu.orgs' },
      },
      {
        path: 'admin/users',
        name: 'users',
        component: () => import('@/views/users/list/index.vue'),
        meta: { permission: 'users.manage', title: 'layout.menu.users' },
      },
      {
        path: 'admin/regions',
        name: 'regions',
        component: () => import('@/views/regions/tree/index.vue'),
        meta: { permission: 'regions.manage', title: 'layout.menu.regions' },
      },
      {
        path: 'admin/audit',
        name: 'audit',
        component: () => import('@/views/audit/log/index.vue'),
        meta: { permission: 'audit.read', title: 'layout.menu.audit' },
      },
      {
        path: 'admin/security',
        name: 'security',
        component: () => import('@/views/settings/security/index.vue'),
        meta: { permission: 'settings.manage', title: 'layout.menu.security' },
      },
      {
        // 节假日与调休: the working calendar complaint deadlines count on (the IT admin's).
        path: 'settings/calendar',
        name: 'calendar',
        component: () => import('@/views/settings/calendar/index.vue'),
        meta: { permission: 'settings.manage', title: 'feedback.calendar.menu' },
      },
      {
        path: 'admin/casework',
        name: 'casework',
        component: () => import('@/views/settings/casework/index.vue'),
        meta: { permission: 'cases.configure', title: 'casework.menu.settings' },
      },
      {
        path: 'admin/jobs',
        name: 'jobs',
        component: () => import('@/views/jobs/list/index.vue'),
        meta: { permission: 'jobs.read', title: 'jobs.menu' },
      },
    ],
  },
  {
    // The printable case file: no menus, an A4 print stylesheet.
    path: '/cases/:id(\\d+)/print',
    name: 'case-print',
    component: () => import('@/views/cases/print/index.vue'),
    meta: { permission: 'cases.read', title: 'caseDetail.print.title' },
  },
  {
    // A client answers a survey from their link or QR code: no sign-in, no menus, and nothing on the
    // page asks the signed-in API (the guard lets public routes through without GET /me).
    path: '/p/s/:token',
    name: 'survey-answer',
    component: () => import('@/views/surveys/answer/index.vue'),
    meta: { public: true, title: 'surveys.title' },
  },
  {
    // The citizens' own forms, linked from the sign-in page: 咨询预约 lands in the 接案申请 queue,
    // 投诉建议 among the agency's complaints. Public like the survey page, and as quiet.
    path: '/p/book',
    name: 'public-booking',
    component: () => import('@/views/public/booking/index.vue'),
    meta: { public: true, title: 'citizen.booking.title' },
  },
  {
    path: '/p/feedback',
    name: 'public-feedback',
    component: () => import('@/views/public/feedback/index.vue'),
    meta: { public: true, title: 'citizen.feedback.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/not-found/index.vue'),
    meta: { public: true, title: 'common.notFound' },
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

/** Where to send someone whose session is missing or has ended. */
export function signInRoute(redirect: string, expired: boolean): RouteLocationRaw {
  const query: Record<string, string> = {}
  if (redirect && redirect !== '/' && !redirect.startsWith('/login')) query.redirect = redirect
  if (expired) query.notice = 'session_expired'
  return { name: 'login', query }
}

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const user = useUserStore()
  if (!user.loaded) {
    try {
      await user.fetchMe()
    } catch (error) {
      const expired = isApiError(error) && error.code === 'auth.session_expired'
      return signInRoute(to.fullPath, expired)
    }
  }
  if (!user.isSignedIn) return signInRoute(to.fullPath, false)
  if (user.needsTotpSetup && to.name !== 'totp-setup') return { name: 'totp-setup' }
  if (to.meta.permission && !user.can(to.meta.permission)) return { name: 'home' }
  if (to.meta.anyPermission && !user.canAny(to.meta.anyPermission)) return { name: 'home' }
  return true
})
