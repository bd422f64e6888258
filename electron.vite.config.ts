import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { sourceStamp, stampFile } from './build/source-stamp'
import { metaContentSecurityPolicy } from './electron/main/security'

const alias = { '@shared': resolve(__dirname, 'shared') }

/**
 * Puts the app's Content-Security-Policy into the built page, from the one definition in main (the
 * shells also send it, with frame-ancestors, as a header).
 */
function cspMetaTag(): Plugin {
  return {
    name: 'freightdesk-csp',
    // The dev server's page (`npm run dev`) needs React's inline refresh script; the built page
    // carries the policy, and the app's protocol sends it as a header.
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy },
        injectTo: 'head-prepend',
      },
    ],
  }
}

/** Writes `out/build-stamp.json` once the last bundle (the renderer) is written. */
function buildStamp(): Plugin {
  return {
    name: 'freightdesk-build-stamp',
    apply: 'build',
    closeBundle() {
      const file = resolve(__dirname, stampFile)
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, JSON.stringify({ sources: sourceStamp(__dirname) }) + '\n')
    },
  }
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'web-host': resolve(__dirname, 'electron/main/web-host/main.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require packages, so its dependencies are bundled into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias },
    plugins: [react(), cspMetaTag(), buildStamp()],
    build: {
      // electron-vite leaves the renderer unminified; minified it parses and compiles faster.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        output: {
          // Libraries change less often than the app: their own chunk keeps the app's small.
          advancedChunks: {
            groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }],
          },
        },
      },
    },
  },
})
