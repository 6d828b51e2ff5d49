import { readFileSync } from 'node:fs';
const data = JSON.parse(readFileSync('.scratch/corpus.json', 'utf8'));
for (const pg of data) {
  const counts: Record<string, number> = {};
  for (const r of pg.rows) if (r.lang) counts[r.lang] = (counts[r.lang] ?? 0) + 1;
  const main = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]?.[0];
  for (const r of pg.rows) if (r.lang && r.lang !== main) console.log(`${pg.name} [${r.i} ${r.tag} ${r.lang}/${main}] ${r.text.slice(0, 160)}`);
}
