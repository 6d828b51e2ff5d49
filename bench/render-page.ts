/**
 * `npx tsx bench/render-page.ts [wiki]` — what one visible change costs the synthetic 5 MB page
 * (or wikipedia-2) in real Chromium, without the extension: the rendering update after each
 * change, measured from the next animation frame's callback to the first task after it (style,
 * layout, pre-paint and paint run in between). The changes are the overlay's kinds (a CSS
 * highlight's ranges, the shadow host, marker buttons, their positions) next to the page's own
 * (one text node). Three fresh pages; each column is one page. Not part of `npm run bench`: it
 * explains section a's "longest rendering update we cause" row. Run `npm run bench` (or
 * `--only a`) once first: it writes the synthetic page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { browserPath } from '../tests/e2e/harness/js/browsers.mjs';
import { WIKIPEDIA_2 } from './lib/corpus';
import { ROOT } from './size';

const file = process.argv[2] === 'wiki' ? WIKIPEDIA_2 : path.join(ROOT, 'artifacts/bench/synthetic-5mb.html');
const PAGES = 3;

/** Ranges over every bracket pair, two highlight styles, and `__frame(change)`: the update's ms. */
const SETUP = String.raw`(() => {
  const s = document.createElement('style');
  s.textContent = '::highlight(sla){background-color:rgba(255,200,0,.3)} ::highlight(slb){background-color:rgba(200,0,0,.3)}';
  document.head.append(s);
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const ranges = [];
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const d = n.data;
    for (let i = d.indexOf('['); i >= 0; ) {
      const j = d.indexOf(']', i);
      if (j < 0) break;
      const r = new Range();
      r.setStart(n, i);
      r.setEnd(n, j + 1);
      ranges.push(r);
      i = d.indexOf('[', j);
    }
  }
  globalThis.__r = ranges;
  globalThis.__frame = (change) => new Promise((done) => setTimeout(() => requestAnimationFrame(() => setTimeout(() => {
    change();
    requestAnimationFrame(() => { const t = performance.now(); setTimeout(() => done(performance.now() - t), 0); });
  }, 30)), 30));
  return ranges.length;
})()`;

const textChange = (skip: number, add: string) =>
  `() => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); for (let i = 0; i < ${skip}; i++) w.nextNode(); const n = w.nextNode(); n.data += '${add}'; }`;

/** In order: each step builds on the ones before it. */
const STEPS: Array<[string, string]> = [
  ['page: one text node changed', textChange(5000, ' x')],
  ['nothing changed', `() => {}`],
  ['two empty highlights registered', `() => { globalThis.__ha = new Highlight(); CSS.highlights.set('sla', __ha); globalThis.__hb = new Highlight(); CSS.highlights.set('slb', __hb); }`],
  ['every range added to a highlight', `() => { for (const r of __r) __ha.add(r); }`],
  ['one range added to the other', `() => { __hb.add(__r[5]); }`],
  ['every range moved to the other', `() => { for (const r of __r) { __ha.delete(r); __hb.add(r); } }`],
  ['half of them moved back', `() => { for (let i = 0; i < __r.length; i += 2) { __hb.delete(__r[i]); __ha.add(__r[i]); } }`],
  ['overlay host under <html>', `() => { const h = document.createElement('div'); h.style.cssText = 'all:initial!important;position:absolute!important;top:0!important;left:0!important;width:0!important;height:0!important;display:block!important'; globalThis.__root = h.attachShadow({ mode: 'open' }); const st = document.createElement('style'); st.textContent = '.m{position:absolute;background:transparent;border:0;padding:0;margin:0;color:transparent;pointer-events:none}'; __root.append(st); document.documentElement.append(h); }`],
  ['a marker button per range', `() => { const f = document.createDocumentFragment(); globalThis.__b = []; for (const r of __r) { const b = document.createElement('button'); b.className = 'm'; b.setAttribute('aria-label', 'Citation'); f.append(b); __b.push(b); } __root.append(f); }`],
  ['300 buttons positioned', `() => { const rects = __r.slice(0, 300).map((r) => r.getBoundingClientRect()); rects.forEach((q, i) => { const s = __b[i].style; s.left = q.left + 'px'; s.top = (q.top + scrollY) + 'px'; s.width = q.width + 'px'; s.height = q.height + 'px'; }); }`],
  ['IntersectionObserver on their blocks', `() => { const io = new IntersectionObserver(() => {}, { rootMargin: '100% 0px' }); const seen = new Set(); for (const r of __r) { const e = r.startContainer.parentElement; if (!seen.has(e)) { seen.add(e); io.observe(e); } } }`],
  ['page: one text node changed again', textChange(9000, ' z')],
];

async function main(): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx tsx bench/run.ts --only a\` once to write it`);
  const browser = await chromium.launch({ executablePath: browserPath('chromium'), args: ['--no-sandbox', '--disable-gpu'] });
  const ms = new Map<string, number[]>();
  let ranges = 0;
  try {
    for (let k = 0; k < PAGES; k++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.route('**/*', (r) =>
        r.request().url() === 'http://bench.test/page.html' ? r.fulfill({ body: fs.readFileSync(file), contentType: 'text/html; charset=utf-8' }) : r.abort(),
      );
      await page.goto('http://bench.test/page.html', { waitUntil: 'load' });
      ranges = (await page.evaluate(SETUP)) as number;
      await page.waitForTimeout(500);
      for (const [name, change] of STEPS) {
        const t = (await page.evaluate(`__frame(${change})`)) as number;
        ms.set(name, [...(ms.get(name) ?? []), t]);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`${path.relative(ROOT, file)}: ${ranges} bracket pairs; rendering update after each change, ms (one column per page)`);
  for (const [name, v] of ms) console.log(`  ${name.padEnd(38)} ${v.map((x) => x.toFixed(1).padStart(6)).join(' ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
