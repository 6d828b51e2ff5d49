/**
 * `npm run registry:build` — builds the bundled source registry.
 *
 *   tsx scripts/registry/build.ts [--data DIR] [--curated DIR] [--out DIR] [--conflicts FILE]
 *
 * Reads the open datasets (default: ../shared/data relative to the project root, or
 * $SOURCELENS_DATA) and registry/curated/*.json; writes lib/registry/generated/registry.json,
 * lib/registry/generated/ratings.json and registry/CONFLICTS.md. Same input → same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRegistry } from './pipeline';
import { registryStats } from '../../lib/registry/stats';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliOptions {
  dataDir: string;
  curatedDir: string;
  outDir: string;
  conflictsFile: string;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const opts: CliOptions = {
    dataDir: env.SOURCELENS_DATA ? resolve(env.SOURCELENS_DATA) : resolve(PROJECT_ROOT, '../shared/data'),
    curatedDir: join(PROJECT_ROOT, 'registry/curated'),
    outDir: join(PROJECT_ROOT, 'lib/registry/generated'),
    conflictsFile: join(PROJECT_ROOT, 'registry/CONFLICTS.md'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a value`);
      return resolve(v);
    };
    if (a === '--data') opts.dataDir = value();
    else if (a === '--curated') opts.curatedDir = value();
    else if (a === '--out') opts.outDir = value();
    else if (a === '--conflicts') opts.conflictsFile = value();
    else if (a === '--help' || a === '-h') {
      console.log('usage: tsx scripts/registry/build.ts [--data DIR] [--curated DIR] [--out DIR] [--conflicts FILE]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return opts;
}

export function run(opts: CliOptions, log: (line: string) => void = console.log): void {
  const result = buildRegistry({ dataDir: opts.dataDir, curatedDir: opts.curatedDir, root: PROJECT_ROOT });
  mkdirSync(opts.outDir, { recursive: true });
  writeFileSync(join(opts.outDir, 'registry.json'), result.registryJson);
  writeFileSync(join(opts.outDir, 'ratings.json'), result.ratingsJson);
  mkdirSync(dirname(opts.conflictsFile), { recursive: true });
  writeFileSync(opts.conflictsFile, result.conflictsMd);

  const stats = registryStats(result.registry);
  const outsideUs = result.registry.sources.filter((s) => s.country !== 'US').length;
  const m = result.merged;
  log(`registry ${result.registry.version}: ${stats.sources} sources (${outsideUs} outside the US), ${m.ratingsOnly.size} rated domains without an entry`);
  log(`curated files: ${result.curatedFiles.length ? result.curatedFiles.join(', ') : 'none'}`);
  log(`by dataset: ${Object.entries(stats.byDataset).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log(`conflicts: ${m.conflicts.filter((c) => c.fact === 'country').length} country, ${m.conflicts.filter((c) => c.fact === 'type').length} type, ${m.tldMismatches.length} ccTLD mismatches (see ${opts.conflictsFile})`);
  log(`derived: ${m.derived.country} countries from ccTLDs, ${m.derived.languages} languages from countries, ${m.derived.inherited} sections from their site`);
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    run(parseArgs(process.argv.slice(2)));
  } catch (err) {
    console.error(`registry:build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
