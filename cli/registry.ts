/** The registry the CLI resolves against: the bundled one, or a file given with --registry. */
import fs from 'node:fs';
import { RegistrySchema, type Registry } from '../lib/registry/schema';
import type { RatingsFile } from '../lib/registry/ratings';
import { RegistryIndex } from '../lib/registry/index';
import { resolverFor } from '../lib/registry/resolver';
import type { Resolver } from '../lib/report';

export interface LoadedRegistry {
  registry: Registry;
  resolver: Resolver;
}

/**
 * The files lib/registry/bundled.ts imports. The CLI reads them with JSON.parse instead of
 * importing that module: under tsx a JSON import is compiled to a JavaScript module, which for
 * these 5.6 MB costs about 0.45 s of CPU instead of 0.06 s, and every scan worker pays it at
 * start. tests/unit/cli-bulk.test.ts checks that both give the same registry.
 */
const GENERATED = new URL('../lib/registry/generated/', import.meta.url);

let bundled: LoadedRegistry | null = null;
let ratings: RatingsFile | null = null;

function bundledRatings(): RatingsFile {
  ratings ??= JSON.parse(fs.readFileSync(new URL('ratings.json', GENERATED), 'utf8')) as RatingsFile;
  return ratings;
}

export function loadBundledRegistry(): LoadedRegistry {
  if (!bundled) {
    const registry = JSON.parse(fs.readFileSync(new URL('registry.json', GENERATED), 'utf8')) as Registry;
    bundled = { registry, resolver: resolverFor(new RegistryIndex(registry, { ratings: bundledRatings() })) };
  }
  return bundled;
}

/**
 * Reads and validates a registry file. A bad file is refused with a message that names the
 * entry (its index and id) and the field.
 */
export function loadRegistryFile(file: string): LoadedRegistry {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`registry ${file}: ${(error as Error).message}`);
  }
  const parsed = RegistrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path;
    let entry = '';
    if (where[0] === 'sources' && typeof where[1] === 'number') {
      const id = (raw as { sources?: Array<{ id?: unknown }> }).sources?.[where[1]]?.id;
      entry = ` entry ${where[1]}${typeof id === 'string' ? ` ("${id}")` : ''}, field "${where.slice(2).join('.') || '(entry)'}":`;
    } else {
      entry = ` field "${where.join('.') || '(top level)'}":`;
    }
    throw new Error(`registry ${file} is not valid:${entry} ${issue.message}`);
  }
  const index = new RegistryIndex(parsed.data, { ratings: bundledRatings() });
  return { registry: parsed.data, resolver: resolverFor(index) };
}
