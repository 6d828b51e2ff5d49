/**
 * The bundled registry (lib/registry/generated/*.json, built by `npm run registry:build`) as an
 * index and a resolver. The index is built on first use and kept; with user sources a new one
 * is built (cheap: a few Maps over some thousand entries).
 */
import registryData from './generated/registry.json';
import ratingsData from './generated/ratings.json';
import type { Registry } from './schema';
import type { RatingsFile } from './ratings';
import { RegistryIndex, type UserSource } from './index';
import { resolverFor } from './resolver';
import type { Resolver } from '../report';

export const bundledRegistry = registryData as unknown as Registry;
export const bundledRatings = ratingsData as unknown as RatingsFile;

let bundled: RegistryIndex | null = null;

/** The index over the bundled registry and ratings. */
export function getBundledIndex(): RegistryIndex {
  bundled ??= new RegistryIndex(bundledRegistry, { ratings: bundledRatings });
  return bundled;
}

/** An index over the bundled registry plus the user's own sources. */
export function createIndex(userSources?: readonly UserSource[] | null): RegistryIndex {
  if (!userSources || userSources.length === 0) return getBundledIndex();
  return new RegistryIndex(bundledRegistry, { ratings: bundledRatings, userSources });
}

export { resolverFor };

/** The resolver over the bundled registry (and the user's sources, when given). */
export function getResolver(userSources?: readonly UserSource[] | null): Resolver {
  return resolverFor(createIndex(userSources));
}
