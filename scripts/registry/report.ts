/**
 * `npm run registry:report` — counts of the generated registry by country, type and dataset.
 *
 *   tsx scripts/registry/report.ts [--registry FILE] [--top N]
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegistrySchema } from '../../lib/registry/schema';
import { registryStats } from '../../lib/registry/stats';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function table(title: string, rows: Array<[string, number]>, total: number, label?: (k: string) => string): string {
  const keyWidth = Math.max(title.length, ...rows.map(([k]) => (label ? label(k) : k).length));
  const numWidth = Math.max(7, ...rows.map(([, v]) => String(v).length));
  const line = `${'-'.repeat(keyWidth)}  ${'-'.repeat(numWidth)}  ------`;
  const out = [`${title.padEnd(keyWidth)}  ${'sources'.padStart(numWidth)}  share`, line];
  for (const [k, v] of rows) {
    const share = total > 0 ? `${((100 * v) / total).toFixed(1)}%` : '-';
    out.push(`${(label ? label(k) : k).padEnd(keyWidth)}  ${String(v).padStart(numWidth)}  ${share.padStart(6)}`);
  }
  return out.join('\n');
}

function main(argv: string[]): void {
  let file = resolve(root, 'lib/registry/generated/registry.json');
  let top = 40;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--registry') file = resolve(argv[++i]);
    else if (argv[i] === '--top') top = Number(argv[++i]);
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  const registry = RegistrySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const stats = registryStats(registry);
  const titles = new Map(registry.datasets.map((d) => [d.id, d.title]));
  const outsideUs = registry.sources.filter((s) => s.country !== 'US').length;
  const countries = Object.entries(stats.byCountry);
  console.log(`SourceLens registry ${registry.version}`);
  console.log(`${stats.sources} sources, ${outsideUs} outside the US, ${countries.length} countries\n`);
  const shown = countries.slice(0, top);
  const rest = countries.slice(top).reduce((n, [, v]) => n + v, 0);
  if (rest > 0) shown.push([`(${countries.length - top} more)`, rest]);
  console.log(table('country', shown, stats.sources));
  console.log('');
  console.log(table('type', Object.entries(stats.byType), stats.sources));
  console.log('');
  console.log('Sources with at least one fact or rating from each dataset:\n');
  console.log(table('dataset', Object.entries(stats.byDataset), stats.sources, (k) => `${k} (${titles.get(k) ?? '?'})`));
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(`registry:report failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
