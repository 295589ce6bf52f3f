// ESLint flat config for the web app: `npm run lint` (`npm run lint -- --fix` applies the safe fixes).
// The recommended sets of ESLint, typescript-eslint and eslint-plugin-vue (Vue 3), nothing stylistic
// on top; `any` is an error. Type checking itself is vue-tsc's job (`npm run typecheck`).
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  { ignores: ['dist/', 'test-results/', 'coverage/'] },

  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],

  {
    // <script lang="ts"> in single-file components goes through the TypeScript parser, and gets the
    // same adjustments typescript-eslint makes for .ts files (no-undef and friends are the compiler's).
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: tseslint.configs.eslintRecommended.rules,
  },
  {
    files: ['src/**/*.{ts,vue}', 'tests/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['sw/**/*.ts'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ['e2e/**/*.mjs', 'scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Browser tests run Node, but the callbacks they hand to page.evaluate() run in the page.
    files: ['e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `const { secret: _secret, ...rest } = x` drops a key; tsc's noUnusedLocals allows it too.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
)
