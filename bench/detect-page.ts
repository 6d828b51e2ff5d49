/**
 * `npx tsx bench/detect-page.ts [page.html]` — lib/detect alone in real Chromium: a bundle of it
 * is added to the page (default: corpus wikipedia-2) and `detectCitations` timed there, cold (its
 * first run in a fresh page, as a content script meets a page) and warm, next to the floor
 * measured in the same pages (bench/lib/page-scripts FLOOR, first run). Four fresh pages,
 * medians. Not part of `npm run bench`: it explains section a's first-pass figure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { browserPath } from '../tests/e2e/harness/js/browsers.mjs';
import { scriptExposing } from './lib/bundle';
import { WIKIPEDIA_2 } from './lib/corpus';
import { FLOOR } from './lib/page-scripts';
import { ROOT } from './size';

const file = path.resolve(process.argv[2] ?? WIKIPEDIA_2);
const PAGES = 4;
const WARM_RUNS = 6;

async function main(): Promise<void> {
  const code = await scriptExposing('./lib/detect/index', 'detectCitations', '__slbDetect');
  const browser = await chromium.launch({ executablePath: browserPath('chromium'), args: ['--no-sandbox', '--disable-gpu'] });
  const cold: number[] = [];
  const warm: number[] = [];
  const floors: number[] = [];
  let found = 0;
  try {
    for (let k = 0; k < PAGES; k++) {
      const page = await browser.newPage();
      await page.route('**/*', (r) =>
        r.request().url() === 'http://bench.test/page.html' ? r.fulfill({ body: fs.readFileSync(file), contentType: 'text/html; charset=utf-8' }) : r.abort(),
      );
      await page.goto('http://bench.test/page.html', { waitUntil: 'load' });
      floors.push(((await page.evaluate(FLOOR)) as { ms: number }).ms);
      await page.addScriptTag({ content: code });
      const times = (await page.evaluate(`(() => {
        const out = [];
        const visible = (el) => el.checkVisibility({ visibilityProperty: true });
        for (let i = 0; i < ${1 + WARM_RUNS}; i++) {
          const t0 = performance.now();
          const n = globalThis.__slbDetect(document, { isVisible: visible }).length;
          out.push([performance.now() - t0, n]);
        }
        return out;
      })()`)) as Array<[number, number]>;
      cold.push(times[0][0]);
      warm.push(...times.slice(2).map((t) => t[0]));
      found = times[0][1];
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const f = median(floors);
  console.log(`${path.relative(ROOT, file)}: ${found} citations`);
  console.log(`  floor (first run):      ${f.toFixed(1)} ms`);
  console.log(`  detect, cold (median):  ${median(cold).toFixed(1)} ms  (${(median(cold) / f).toFixed(1)}× floor; runs ${cold.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  detect, warm (median):  ${median(warm).toFixed(1)} ms  (${(median(warm) / f).toFixed(1)}× floor)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
