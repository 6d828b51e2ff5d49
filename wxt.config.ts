import { defineConfig } from 'wxt';

// Fixed add-on id: Firefox keys stored data (the user's sources, site switches) by it,
// so it must never change between releases.
export const GECKO_ID = 'sourcelens@sourcelens.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports only: every module says where its names come from.
  imports: false,
  manifestVersion: 3,
  zip: {
    // The sources zip for addons.mozilla.org: code and data, not test pages or artifacts.
    excludeSources: ['tests/**', 'artifacts/**', 'bench/**', '.ci/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'activeTab'],
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
