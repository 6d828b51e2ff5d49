/** The registry the CLI resolves against: the bundled one, or a file given with --registry. */
import fs from 'node:fs';
import { RegistrySchema, type Registry } from '../lib/registry/schema';
import { bundledRatings, bundledRegistry, getBundledIndex, resolverFor } from '../lib/registry/bundled';
import { RegistryIndex } from '../lib/registry/index';
import type { Resolver } from '../lib/report';

export interface LoadedRegistry {
  registry: Registry;
  resolver: Resolver;
}

export function loadBundledRegistry(): LoadedRegistry {
  return { registry: bundledRegistry, resolver: resolverFor(getBundledIndex()) };
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
  const index = new RegistryIndex(parsed.data, { ratings: bundledRatings });
  return { registry: parsed.data, resolver: resolverFor(index) };
}
