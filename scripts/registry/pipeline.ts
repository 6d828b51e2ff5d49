/**
 * The registry build as a function: datasets + curated files → registry, ratings file and
 * conflicts report (as strings; build.ts writes them). Used by build.ts and the tests.
 */
import { REGISTRY_SCHEMA, RegistrySchema, SourceSchema, type Dataset, type Registry } from '../../lib/registry/schema';
import { readDatasets } from './datasets';
import { readCurated } from './curated';
import { merge, type MergeResult } from './merge';
import { registryVersion, renderConflicts, serializeRatings, serializeRegistry } from './output';
import { DS, RULES_DATE } from './rules';
import type { Claim, Skipped } from './claims';

export interface BuildOptions {
  /** Folder with the open datasets (cred-1/, fundus/, …). */
  dataDir: string;
  /** Folder with the curated *.json files. */
  curatedDir: string;
  /** Project root, for file names in messages. */
  root?: string;
}

export interface BuildResult {
  registry: Registry;
  registryJson: string;
  ratingsJson: string;
  conflictsMd: string;
  merged: MergeResult;
  curatedFiles: string[];
}

const RULES_DATASET: Dataset = {
  id: DS.rules,
  title: 'SourceLens derivation rules (registry/README.md)',
  licence: 'MIT',
  date: RULES_DATE,
  url: 'registry/README.md',
  attribution: 'SourceLens: facts derived by documented rules (country from ccTLD, language from country, sections from their site)',
};

export function buildRegistry(options: BuildOptions): BuildResult {
  const reads = readDatasets(options.dataDir);
  const datasetIds = new Set([...reads.map((r) => r.dataset.id), DS.rules]);
  const curated = readCurated(options.curatedDir, datasetIds, options.root);

  const claims: Claim[] = reads.flatMap((r) => r.claims);
  const skipped: Skipped[] = reads.flatMap((r) => r.skipped);
  const datasets: Dataset[] = [];
  if (curated.entries.length > 0) {
    datasets.push({
      id: DS.curated,
      title: 'SourceLens curated sources',
      licence: 'MIT',
      date: curated.date!,
      url: 'registry/curated/',
      attribution: 'SourceLens contributors, checked by hand against each source’s own imprint or about page',
    });
  }
  datasets.push(...reads.map((r) => r.dataset), RULES_DATASET);
  const dates = new Map(datasets.map((d) => [d.id, d.date]));

  const merged = merge(claims, curated.entries, dates);

  // Every entry must validate; a parent must be an entry of the registry.
  const ids = new Set(merged.sources.map((s) => s.id));
  const problems: string[] = [];
  const curatedById = new Map(curated.entries.map((e) => [e.source.id, e]));
  for (const s of merged.sources) {
    const where = curatedById.has(s.id) ? `${curatedById.get(s.id)!.file}: sources[${curatedById.get(s.id)!.index}] (id "${s.id}")` : `generated source "${s.id}" (${s.domains.join(', ')})`;
    const r = SourceSchema.safeParse(s);
    if (!r.success) for (const i of r.error.issues) problems.push(`${where}, field "${i.path.join('.')}": ${i.message}`);
    if (s.parent && !ids.has(s.parent)) problems.push(`${where}, field "parent": no source with id "${s.parent}"`);
  }
  if (problems.length > 0) throw new Error(`registry entries are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  const dataDates = [...reads.map((r) => r.dataset.date), ...(curated.date ? [curated.date] : [])].sort();
  const newest = dataDates[dataDates.length - 1];
  const version = registryVersion(newest, datasets, merged.sources);
  const registry: Registry = { schema: REGISTRY_SCHEMA, version, datasets, sources: merged.sources };
  const check = RegistrySchema.safeParse(registry);
  if (!check.success) {
    throw new Error(`registry does not validate:\n${check.error.issues.slice(0, 20).map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return {
    registry,
    registryJson: serializeRegistry(registry),
    ratingsJson: serializeRatings(version, merged.ratingsOnly),
    conflictsMd: renderConflicts(version, merged, skipped),
    merged,
    curatedFiles: curated.files,
  };
}
