import { defineConfig } from 'vitest/config';

// End-to-end tests in real browsers (Chromium, Firefox ESR) with the built extension.
// Build first: `npx wxt build --mv3 && npx wxt build -b firefox --mv3` (or `npm run zip`).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser at a time: this is a 2-core machine.
    fileParallelism: false,
    // Tests in a describe share one browser and run in order; never retry silently.
    sequence: { concurrent: false, shuffle: false },
    retry: 0,
    reporters: ['default'],
  },
});
