import { readFileSync } from 'node:fs';
const data = JSON.parse(readFileSync('.scratch/corpus.json', 'utf8'));
const want = process.argv.slice(2);
for (const pg of data) {
  if (!want.some((w: string) => pg.name.includes(w))) continue;
  console.log('=== ' + pg.name);
  for (const r of pg.rows) if (r.text.length >= 60) console.log(`[${r.i} ${r.tag} ${r.lang}] ${r.text}`);
}
