import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
/** The seed page, kept in the repository so a fresh clone tests it without ../shared. */
export const SEED_PAGE = path.relative(process.cwd(), path.join(ROOT, 'tests/fixtures/seed/article.html'));
/** The shared folder beside the project (corpus, datasets, seed); SOURCELENS_SHARED overrides. */
export const SHARED = process.env.SOURCELENS_SHARED ?? path.resolve(ROOT, '../shared');
/** The corpus of real pages; SOURCELENS_CORPUS overrides. */
export const CORPUS = process.env.SOURCELENS_CORPUS ?? path.join(SHARED, 'corpus');
export const SHARED_SEED_PAGE = path.join(SHARED, 'fixtures/seed/article.html');
export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Every saved page (`source.html`) below `dir`, in a stable order. */
export function findPages(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) out.push(...findPages(file));
    else if (name === 'source.html') out.push(file);
  }
  return out;
}
