/**
 * What is in the content script (and the popup): builds the current sources with sourcemaps
 * into a temporary directory (bench/wxt.analyze.config.ts; `.output/` is left alone), then
 * attributes every minified byte to the module that produced it, with
 *  - bytes: minified bytes of that module in the bundle,
 *  - gzipAlone: gzip -9 of those bytes on their own (an upper bound of its share),
 *  - gzipSaved: gzip(bundle) − gzip(bundle without that module's bytes): about what removing
 *    it would save (the two don't add up to the total; gzip shares a dictionary).
 *
 *   npx tsx bench/size.ts            # prints the table
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { decodeMappings, slicesBySource, type RawSourceMap } from './lib/sourcemap';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export function gzipBytes(data: string | Buffer): number {
  return zlib.gzipSync(data, { level: 9 }).length;
}

export interface ModuleShare {
  module: string;
  bytes: number;
  gzipAlone: number;
  gzipSaved: number;
}

export interface BundleAnalysis {
  file: string;
  bytes: number;
  gzip: number;
  modules: ModuleShare[];
  /** Generated text per module group (not serialised into the JSON results). */
  groups?: Map<string, string[]>;
}

/** Group a source path: node_modules/<pkg>, or the project-relative file. */
export function moduleGroup(source: string): string {
  const s = source.replace(/\\/g, '/').replace(/^\u0000/, '');
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = s.slice(nm + 'node_modules/'.length).split('/');
    return 'node_modules/' + (rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]);
  }
  const idx = s.search(/(lib|components|entrypoints|public)\//);
  return idx >= 0 ? s.slice(idx) : s;
}

/** Inlined CSS (a `?inline` import) has no sourcemap entry: recognise it among unmapped bytes. */
const INLINE_CSS = /^(?:var |let |const |,)?\s*[\w$]+\s*=\s*`[^`]*[{;]\s*--?[\w-]+\s*:/;

export function analyzeBundle(jsFile: string): BundleAnalysis {
  const code = fs.readFileSync(jsFile, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const map = JSON.parse(fs.readFileSync(`${jsFile}.map`, 'utf8')) as RawSourceMap;
  const lines = decodeMappings(map);
  const slices = slicesBySource(code, lines);
  // Group → its generated text pieces.
  const groups = new Map<string, string[]>();
  const add = (g: string, text: string) => {
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(text);
  };
  for (const [s, list] of slices) {
    if (s >= 0) {
      for (const t of list) add(moduleGroup(map.sources[s]), t);
      continue;
    }
    for (const t of list) add(t.length > 1000 && INLINE_CSS.test(t) ? '(inlined CSS string)' : '(unmapped: bundler glue)', t);
  }
  const total = gzipBytes(code);
  const all = [...groups.entries()];
  const modules: ModuleShare[] = [];
  for (const [group, own] of all) {
    const ownText = own.join('');
    const rest = all
      .filter(([g]) => g !== group)
      .flatMap(([, list]) => list)
      .join('');
    modules.push({ module: group, bytes: Buffer.byteLength(ownText), gzipAlone: gzipBytes(ownText), gzipSaved: total - gzipBytes(rest) });
  }
  modules.sort((a, b) => b.gzipSaved - a.gzipSaved || b.bytes - a.bytes);
  return { file: jsFile, bytes: Buffer.byteLength(code), gzip: total, modules, groups };
}

/** gzip bytes saved if all of `remove` (module groups) left the bundle together. */
export function savedIfRemoved(a: BundleAnalysis, remove: string[]): number {
  const rest = [...(a.groups ?? new Map()).entries()]
    .filter(([g]) => !remove.includes(g))
    .flatMap(([, list]) => list)
    .join('');
  return a.gzip - gzipBytes(rest);
}

/** Build content, popup and background with sourcemaps into a temp dir; returns the chrome-mv3 dir. */
export function buildForAnalysis(outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelens-analyze-'))): string {
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '--mv3', '-c', 'bench/wxt.analyze.config.ts', '-e', 'content', '-e', 'popup', '-e', 'background'],
    { cwd: ROOT, env: { ...process.env, SL_ANALYZE_OUT: outDir }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return path.join(outDir, 'chrome-mv3');
}

/** The JavaScript files an HTML page loads (scripts, modulepreloads and what they import, statically or dynamically). */
export function pageScripts(dir: string, htmlFile: string): string[] {
  const extDir = path.resolve(dir);
  const html = fs.readFileSync(path.join(extDir, htmlFile), 'utf8');
  const start = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const queue = start.map((s) => path.join(extDir, s.replace(/^\//, '')));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !file.endsWith('.js')) continue;
    seen.add(file);
    const js = fs.readFileSync(file, 'utf8');
    // Static (`from"./x.js"`, `import"./x.js"`) and dynamic (`import("./x.js")`) imports.
    for (const m of js.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]([^"'`]+\.js)["'`]/g)) {
      const spec = m[1];
      queue.push(spec.startsWith('/') ? path.join(extDir, spec.slice(1)) : path.resolve(path.dirname(file), spec));
    }
  }
  return [...seen];
}

export function formatShares(a: BundleAnalysis, top = 15): string {
  const rows = a.modules.slice(0, top).map((m) =>
    `  ${m.module.padEnd(52)} ${String(m.bytes).padStart(7)} ${String(m.gzipAlone).padStart(7)} ${String(m.gzipSaved).padStart(7)}`,
  );
  return [
    `${path.relative(ROOT, a.file) || a.file}: ${a.bytes} bytes, gzip -9 ${a.gzip}`,
    `  ${'module'.padEnd(52)} ${'min B'.padStart(7)} ${'gz own'.padStart(7)} ${'gz save'.padStart(7)}`,
    ...rows,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = buildForAnalysis();
  const content = analyzeBundle(path.join(dir, 'content-scripts/content.js'));
  console.log(formatShares(content, 40));
  for (const f of pageScripts(dir, 'popup.html')) console.log('\n' + formatShares(analyzeBundle(f), 25));
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
}
