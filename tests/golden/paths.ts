import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
/** The seed page, kept in the repository so a fresh clone tests it without ../shared. */
export const SEED_PAGE = path.relative(process.cwd(), path.join(ROOT, 'tests/fixtures/seed/article.html'));
export const SHARED_SEED_PAGE = path.resolve(ROOT, '../shared/fixtures/seed/article.html');
export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
