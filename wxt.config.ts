import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'wxt';
import { leanContent } from './build/lean-content';
import { noHtmlSinks } from './build/no-html-sinks';

// Fixed add-on id: Firefox keys stored data (the user's sources, site switches) by it,
// so it must never change between releases.
export const GECKO_ID = 'sourcelens@sourcelens.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports only: every module says where its names come from.
  imports: false,
  manifestVersion: 3,
  vite: () => ({ plugins: [noHtmlSinks()] }),
  hooks: {
    // The content script runs on every page: no polyfill and no Preact engine in it (see
    // build/lean-content.ts); every other entrypoint keeps both.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.some((e) => e.type === 'content-script')) {
        config.plugins = [leanContent(config.root ?? process.cwd()), ...(config.plugins ?? [])];
        // Terser (three passes; the script's top level is private but for `content`, the IIFE's
        // result that WXT's loader reads) packs it about 2 % smaller than the default minifier.
        config.build = {
          ...config.build,
          minify: 'terser',
          terserOptions: {
            compress: { passes: 3, toplevel: true, top_retain: ['content'], hoist_funs: true, pure_getters: true, unsafe_arrows: true, unsafe_methods: true },
            mangle: { toplevel: true, reserved: ['content'] },
            ecma: 2020,
          },
        };
      }
    },
    // The registry ships as data files next to the background script (minified JSON), not
    // inside any JavaScript bundle: the background reads them from the extension's own package
    // on first use, and the content script never sees them.
    'build:publicAssets': (wxt, files) => {
      for (const name of ['registry.json', 'ratings.json']) {
        const src = path.resolve(wxt.config.root, 'lib/registry/generated', name);
        files.push({ relativeDest: `data/${name}`, contents: JSON.stringify(JSON.parse(fs.readFileSync(src, 'utf8'))) });
      }
    },
  },
  zip: {
    // The sources zip for addons.mozilla.org: code and data, not test pages or artifacts.
    excludeSources: ['tests/**', 'artifacts/**', 'bench/**', '.ci/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'activeTab', 'contextMenus'],
    commands: {
      'toggle-overlay': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_cmd_toggle_overlay__',
      },
    },
    action: {
      default_title: '__MSG_extName__',
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
