import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { defineConfig } from 'vitest/config'

// `npm run dev` proxies the API to a `jieli serve` on JIELI_DEV_API (default 127.0.0.1:8080).
const api = process.env.JIELI_DEV_API ?? 'http://127.0.0.1:8080'

// The installable app: a web app manifest and a service worker built from sw/sw.ts (see there for
// what it keeps offline). src/offline/register.ts registers it, in the built app only.
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'sw',
  filename: 'sw.ts',
  injectRegister: false,
  // .json: the server knows its content type.
  manifestFilename: 'manifest.json',
  includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
  manifest: {
    name: '接力 · 社会工作服务平台',
    short_name: '接力',
    description: '个案管理：接案、预估、计划、介入、评估、结案',
    lang: 'zh-CN',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#409eff',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  injectManifest: {
    globPatterns: ['**/*.{js,css,html,svg,png,woff,woff2,ttf}'],
    // The Element Plus and ECharts chunks are large; the shell is not whole without them.
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  },
})

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components and directives (v-loading) are imported where a template uses them,
    // so the first screen loads only what it shows (the sign-in page needs a handful, not all).
    // Their styles stay in one stylesheet (main.ts), which compresses well and caches once.
    Components({ resolvers: [ElementPlusResolver({ importStyle: false, directives: true })], dts: false }),
    pwa,
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/api': { target: api, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Tiny shared chunks (composables, helpers) merged into bigger ones: each chunk is a request,
        // and a phone's browser opens six connections, each paying the connection's latency.
        experimentalMinChunkSize: 20_000,
        // ECharts in a chunk of its own (only the charts load it). Element Plus is not given one:
        // a manual chunk keeps every component of it, where left alone each screen's chunk takes
        // only the components it uses.
        manualChunks(id: string) {
          if (id.includes('/node_modules/echarts/') || id.includes('/node_modules/zrender/')) return 'echarts'
          return undefined
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    css: false,
    server: { deps: { inline: ['element-plus'] } },
  },
})
