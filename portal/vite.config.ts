import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { firstScreens } from './src/first-screen.ts';

// The portal: a single-page app served by the API at `/`. `npm run dev -w portal` proxies the API.
export default defineConfig({
  plugins: [vue(), firstScreensFile()],
  // One preact for the form-js editor and the viewer it embeds (npm nests a second copy for the editor).
  resolve: { dedupe: ['preact'] },
  // The API writes each answer's nonce in place of this (graphql/src/common/portal-pages.ts,
  // NONCE_PLACEHOLDER): the page's scripts and styles, and those Vite adds later, carry it.
  html: { cspNonce: 'PARVIS_CSP_NONCE' },
  build: {
    // The manifest lets scripts/check-bundle-size.ts add up what each page loads.
    manifest: true,
    target: 'es2022',
  },
  server: {
    // /graphql carries the subscriptions' WebSocket too.
    proxy: Object.fromEntries(
      ['/graphql', '/documents'].map((path) => [
        path,
        { target: process.env.PARVIS_API_URL ?? 'http://localhost:3000', ws: path === '/graphql' },
      ]),
    ),
  },
});

/** `first-screens.json`: the citizen pages' first screens, which the API serves before the portal runs (src/first-screen.ts). */
function firstScreensFile(): Plugin {
  return {
    name: 'parvis-first-screens',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'first-screens.json', source: JSON.stringify(firstScreens()) });
    },
  };
}
