import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vitest/config'

// `npm run dev` proxies the API to a `jieli serve` on JIELI_DEV_API (default 127.0.0.1:8080).
const api = process.env.JIELI_DEV_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components and directives (v-loading) are imported where a template uses them,
    // so the first screen loads only what it shows (the sign-in page needs a handful, not all).
    // Their styles stay in one stylesheet (main.ts), which compresses well and caches once.
    Components({ resolvers: [ElementPlusResolver({ importStyle: false, directives: true })], dts: false }),
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
        // ECharts in a chunk of its own (only the charts load it). Element Plus is not given one:
        // a manual chunk keeps every component of it, where left alone each screen's chunk takes
        // only the components it uses.
        // Tiny shared chunks (composables, helpers) merged into bigger ones: each chunk is a request,
        // and a phone's browser opens six connections, each paying the connection's latency.
        experimentalMinChunkSize: 20_000,
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
