/**
 * Keeps the content script small (its budget is 30 kB gzipped; tests/e2e/size.e2e.test.ts):
 * for the content-script build only,
 *  - `webextension-polyfill` resolves to entrypoints/content/native-browser.ts (the browsers'
 *    own promise-based API), and
 *  - `preact`, `preact/jsx-runtime` resolve to components/overlay/static-jsx.ts, a static JSX
 *    runtime that renders the shared card components into the hovercard without Preact's
 *    diffing engine;
 *  - `wxt/utils/content-script-context` resolves to entrypoints/content/context.ts, the part of
 *    WXT's context the content script uses (validity, invalidation).
 * The popup, side panel, options and background keep the polyfill and Preact. Registered from
 * wxt.config.ts (hook `vite:build:extendConfig`).
 */
import path from 'node:path';
import type { Plugin } from 'vite';

export function leanContent(root: string): Plugin {
  const targets: Record<string, string> = {
    'webextension-polyfill': path.resolve(root, 'entrypoints/content/native-browser.ts'),
    preact: path.resolve(root, 'components/overlay/static-jsx.ts'),
    'preact/jsx-runtime': path.resolve(root, 'components/overlay/static-jsx.ts'),
    'preact/jsx-dev-runtime': path.resolve(root, 'components/overlay/static-jsx.ts'),
    'wxt/utils/content-script-context': path.resolve(root, 'entrypoints/content/context.ts'),
  };
  return {
    name: 'sourcelens:lean-content',
    enforce: 'pre',
    resolveId(id) {
      if (id.startsWith('preact/') && !(id in targets)) {
        this.error(`lean-content: the content script imports ${id}; only the static JSX runtime is available there`);
      }
      return targets[id] ?? null;
    },
  };
}
