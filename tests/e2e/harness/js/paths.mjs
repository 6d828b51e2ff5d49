// @ts-check
/**
 * Where things are. Plain JS (shared by the vitest e2e harness and scripts/start.mjs, which
 * runs straight after `npm ci` without a build step).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file lives in tests/e2e/harness/js/). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The shared folder (fixtures, notes): env SOURCELENS_SHARED, else `<root>/../shared`. */
export function sharedDir(root = projectRoot) {
  return path.resolve(process.env.SOURCELENS_SHARED || path.resolve(root, '../shared'));
}

/** The seed article: `<shared>/fixtures/seed/article.html`. */
export function seedArticlePath(root = projectRoot) {
  return path.join(sharedDir(root), 'fixtures', 'seed', 'article.html');
}

/** The saved real pages: `<shared>/corpus/` (readability/<name>/source.html, news-de-ja/<name>/source.html). */
export function corpusDir(root = projectRoot) {
  return path.join(sharedDir(root), 'corpus');
}

/** Extra fixture pages owned by the e2e tests: `tests/fixtures/pages/`. */
export function fixturePagesDir(root = projectRoot) {
  return path.join(root, 'tests', 'fixtures', 'pages');
}

/** Built extensions: `.output/chrome-mv3` and `.output/firefox-mv3`. */
export function extensionDir(browser, root = projectRoot) {
  return path.join(root, '.output', browser === 'firefox' ? 'firefox-mv3' : 'chrome-mv3');
}

/** Artifacts (gitignored): `artifacts/`, e2e screenshots in `artifacts/e2e/`. */
export function artifactsDir(sub = '', root = projectRoot) {
  const dir = path.join(root, 'artifacts', sub);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Throw a clear error unless `dir` holds a built extension (a manifest.json). */
export function assertBuilt(dir, buildCommand) {
  const manifest = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(`No built extension at ${dir} (missing manifest.json). Build it first: ${buildCommand}`);
  }
  return JSON.parse(fs.readFileSync(manifest, 'utf8'));
}
