import { ElMessage } from 'element-plus'
import 'element-plus/dist/index.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { configureClient } from './api/request'
import { currentLocale, i18n, setLocale } from './locales'
import { setupOffline } from './offline/register'
import { router, signInRoute } from './router'
import { setLiveDeps } from './stores/liveEvents'
import { useNotificationsStore } from './stores/notifications'
import { useUserStore } from './stores/user'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia).use(i18n).use(router)
setLocale(currentLocale())

const t = i18n.global.t
configureClient({
  language: currentLocale,
  notify: (message) => {
    ElMessage({ type: 'error', message, grouping: true, showClose: true, duration: 5000 })
  },
  fallbackMessage: (status) => (status === 0 ? t('common.networkError') : t('common.requestFailed', { status })),
  onSessionEnded: (error) => {
    const user = useUserStore(pinia)
    const wasSignedIn = user.isSignedIn
    user.clear()
    const current = router.currentRoute.value
    if (current.name === 'login') return
    void router.replace(signInRoute(current.fullPath, wasSignedIn || error.code === 'auth.session_expired'))
  },
  onTotpSetupRequired: () => {
    useUserStore(pinia).requireTotpSetup()
    if (router.currentRoute.value.name !== 'totp-setup') void router.replace({ name: 'totp-setup' })
  },
})

// One live event stream per tab while someone is signed in; a notification's click goes through the router.
setLiveDeps({ navigate: (path) => void router.push(path) })
useNotificationsStore(pinia)
// The service worker and the outbox of writes made without a signal.
setupOffline(pinia)

app.mount('#app')
