/** Vite build of the renderer (renderer/ -> dist/renderer). Run by scripts/build.ts. */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { CSP_META } from './shared/csp.ts';

/** Writes the CSP into index.html too, so a page opened outside our hosts still runs under it. */
function cspMeta(): Plugin {
  return {
    name: 'exhibit-csp-meta',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' },
      ],
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  // Relative asset URLs work under app://exhibit/ and under the test host's http origin alike.
  base: './',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  plugins: [cspMeta()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // Inlined assets would become data: URLs that the policy (e.g. font-src 'self') refuses.
    assetsInlineLimit: 0,
    // Chromium supports modulepreload natively; the polyfill is dead weight.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
