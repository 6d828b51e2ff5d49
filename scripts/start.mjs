#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: build both browsers' packages, serve the seed article on 127.0.0.1 and open it in
 * Chromium with SourceLens loaded.
 *
 * - With a display ($DISPLAY set): a visible Chromium window, left open until Ctrl-C.
 * - Without one: headless. Waits for the citations to be marked, opens the first citation's
 *   hovercard, saves artifacts/seed-page.png and artifacts/seed-popup.png, prints the page
 *   report (and writes it to artifacts/seed-report.json), prints where the zips are, exits 0.
 *
 * Plain JS on purpose: it runs right after `npm ci`, without a build step. The browser launch,
 * fixture server and network guard are shared with the e2e tests (tests/e2e/harness/js/).
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), SOURCELENS_SHARED (default ../shared).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../tests/e2e/harness/js/browsers.mjs';
import { CHROMIUM_BACKGROUND_HOSTS, NetworkGuard } from '../tests/e2e/harness/js/network-guard.mjs';
import { artifactsDir, extensionDir, projectRoot } from '../tests/e2e/harness/js/paths.mjs';
import { saveScreenshot } from '../tests/e2e/harness/js/screenshots.mjs';
import { startServer } from '../tests/e2e/harness/js/server.mjs';

const rel = (p) => path.relative(process.cwd(), p) || '.';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

/** Run a command in the project root, output passed through; stop on failure. */
function run(command, args) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${[command, ...args].join(' ')} failed (exit ${result.status}).`);
}

/** Poll `read` until `until(value)`; throws `message` after `timeoutMs`. */
async function waitFor(read, until, timeoutMs, message) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await read();
      if (until(last)) return last;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`${message} (last seen: ${JSON.stringify(last)})`);
    await sleep(150);
  }
}

function printReport(report, reportPath) {
  const line = (label, value) => console.log(`  ${label.padEnd(18)} ${value}`);
  console.log('\nSourceLens report for the seed article');
  line('Page', report.url ?? '—');
  line('Title', report.title ?? '—');
  line('Language', `${report.lang ?? 'not detected'} (the page declares ${report.htmlLang ?? 'nothing'})`);
  const s = report.stats ?? {};
  line('Citations', `${s.citations} found, ${s.resolved} identified, ${s.unresolved} unknown`);
  console.log('\n  Sources cited');
  for (const c of report.sources ?? []) {
    const src = c.source ?? {};
    console.log(`    • ${src.name} — ${c.count}× (${[src.type, src.scope, src.country, src.ownership].filter(Boolean).join(', ')}) [${src.id}]`);
  }
  if (!report.sources?.length) console.log('    (none identified)');
  console.log(`\n  Warnings (${report.warnings?.length ?? 0})`);
  for (const w of report.warnings ?? []) console.log(`    ! ${w.code}: ${w.message}`);
  console.log(`\n  Repeated paragraphs (${report.duplicates?.length ?? 0} groups)`);
  for (const d of report.duplicates ?? []) {
    const first = d.paragraphs?.[0]?.text ?? '';
    console.log(`    • ${d.kind}, ${d.paragraphs?.length} × <${d.paragraphs?.[0]?.tag}> “${first.slice(0, 60)}${first.length > 60 ? '…' : ''}”`);
  }
  if (report.missingMetadata?.length) {
    console.log('\n  Missing metadata');
    for (const m of report.missingMetadata) {
      console.log(m.label ? `    • ${m.field}: the page shows “${m.label}” with nothing after it` : `    • ${m.field}: none anywhere on the page`);
    }
  }
  console.log(`\n  Full report (JSON): ${rel(reportPath)}`);
}

async function main() {
  const started = Date.now();
  console.log('SourceLens — building the Chrome and Firefox packages');
  run('npx', ['wxt', 'zip', '--mv3']);
  run('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3']);
  const outDir = path.join(projectRoot, '.output');
  const zips = fs
    .readdirSync(outDir)
    .filter((f) => f.endsWith('.zip'))
    .map((f) => path.join(outDir, f))
    .filter((f) => fs.statSync(f).mtimeMs >= started - 1000)
    .sort();

  const server = await startServer();
  const guard = new NetworkGuard({ backgroundHosts: CHROMIUM_BACKGROUND_HOSTS });
  await guard.startProxy();
  const wantHeaded = Boolean(process.env.DISPLAY);
  let session;
  let headed = wantHeaded;
  try {
    session = await launchChromium(extensionDir('chromium'), { guard, headless: !wantHeaded });
  } catch (error) {
    if (!wantHeaded) throw error;
    console.warn(`\nCould not open a Chromium window on DISPLAY=${process.env.DISPLAY} (${String(error).split('\n')[0]}); running headless instead.`);
    headed = false;
    session = await launchChromium(extensionDir('chromium'), { guard, headless: true });
  }
  const { context, extensionBase } = session;
  const sw = () => session.currentServiceWorker();
  const tabIds = () => sw().evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id));

  let closing = false;
  const shutdown = async (code) => {
    if (closing) return;
    closing = true;
    await session.close().catch(() => {});
    await guard.close().catch(() => {});
    await server.close().catch(() => {});
    process.exit(code);
  };

  const before = new Set(await tabIds());
  const page = await context.newPage();
  await page.goto(server.seedUrl, { waitUntil: 'load' });
  const tabId = (await tabIds()).find((id) => !before.has(id));

  if (headed) {
    for (const p of context.pages()) if (p !== page && p.url() === 'about:blank') await p.close().catch(() => {});
    console.log(`\nChromium is open with SourceLens on the seed article: ${server.seedUrl}`);
    console.log('Hover or Tab to a [radioenneperuhr.de] citation for its card; the SourceLens toolbar button');
    console.log('(pin it from the puzzle-piece menu) opens the popup. Nothing leaves 127.0.0.1.');
    console.log('Packages:');
    for (const z of zips) console.log(`  ${rel(z)}`);
    console.log('\nPress Ctrl-C to quit.');
    process.on('SIGINT', () => void shutdown(0));
    process.on('SIGTERM', () => void shutdown(0));
    context.on('close', () => void shutdown(0));
    return;
  }

  // Headless: mark, open the first card, capture, report.
  try {
    await waitFor(
      () =>
        page.evaluate(() => {
          const root = document.querySelector('sourcelens-overlay[data-sourcelens]')?.shadowRoot;
          const markers = root ? [...root.querySelectorAll('button.marker[data-citation]')] : [];
          return { markers: markers.length, resolved: markers.filter((m) => m.getAttribute('data-state') !== 'unresolved').length };
        }),
      (v) => v.markers > 0 && v.resolved === v.markers,
      20_000,
      'SourceLens did not mark and resolve the citations of the seed article',
    );
    // Open the first citation's hovercard from the keyboard side (focus opens it).
    await page.evaluate(() => {
      const root = document.querySelector('sourcelens-overlay[data-sourcelens]')?.shadowRoot;
      /** @type {HTMLElement | null | undefined} */ (root?.querySelector('button.marker[data-citation]'))?.focus();
    });
    await waitFor(
      () => page.evaluate(() => document.querySelector('sourcelens-overlay')?.shadowRoot?.getElementById('sourcelens-card')?.hidden === false),
      (open) => open === true,
      5_000,
      'the hovercard did not open',
    );
    await sleep(200);
    const pagePng = await saveScreenshot(page, 'seed-page', { sub: '' });

    if (tabId === undefined) throw new Error('could not find the seed tab’s id');
    const status = await waitFor(
      () => sw().evaluate((id) => chrome.tabs.sendMessage(id, { type: 'popup→content:get-report' }, { frameId: 0 }), tabId),
      (s) => s?.state === 'on' && s.report,
      10_000,
      'the content script did not return a report',
    );
    const reportPath = path.join(artifactsDir(''), 'seed-report.json');
    fs.writeFileSync(reportPath, JSON.stringify(status.report, null, 2) + '\n');

    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 800 });
    await popup.goto(`${extensionBase}/popup.html?tab=${tabId}&url=${encodeURIComponent(server.seedUrl)}`, { waitUntil: 'load' });
    await waitFor(
      () => popup.evaluate(() => document.querySelector('[data-testid="popup-state"]')?.getAttribute('data-state')),
      (state) => state === 'on',
      10_000,
      'the popup did not show the page',
    );
    await sleep(200);
    const popupPng = await saveScreenshot(popup, 'seed-popup', { sub: '', fullPage: true });

    printReport(status.report, reportPath);
    console.log('\nScreenshots');
    console.log(`  ${rel(pagePng)}   (the page, first citation's card open)`);
    console.log(`  ${rel(popupPng)}  (the popup)`);
    console.log('\nPackages');
    for (const z of zips) console.log(`  ${rel(z)}`);
    const leaks = guard.violations;
    if (leaks.length) {
      console.warn(`\n⚠ Requests that tried to leave 127.0.0.1 (blocked):\n${guard.describe()}`);
    } else {
      console.log('\nNetwork: nothing left 127.0.0.1.');
    }
  } catch (error) {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
    await saveScreenshot(page, 'seed-page-failed', { sub: '' }).catch(() => {});
    await shutdown(1);
    return;
  }
  await shutdown(0);
}

main().catch((error) => fail(error instanceof Error ? error.stack ?? error.message : String(error)));
