/**
 * The project's WXT config, built into a temporary directory with sourcemaps and bundle
 * analysis (rollup-plugin-visualizer raw data), so `npm run bench` can attribute the content
 * script's bytes (and CPU time) to source modules without touching `.output/`.
 *
 *   SL_ANALYZE_OUT=/tmp/x npx wxt build --mv3 -c bench/wxt.analyze.config.ts
 */
import path from 'node:path';
import { defineConfig } from 'wxt';
import base from '../wxt.config';

const out = process.env.SL_ANALYZE_OUT;
if (!out) throw new Error('SL_ANALYZE_OUT must name the output directory');

export default defineConfig({
  ...base,
  outDir: out,
  analysis: { enabled: true, template: 'raw-data', outputFile: path.join(out, 'stats.json'), keepArtifacts: true },
  vite: (env) => {
    const own = typeof base.vite === 'function' ? base.vite(env) : {};
    return { ...own, build: { ...(own as { build?: object }).build, sourcemap: true } };
  },
});
