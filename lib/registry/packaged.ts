/**
 * The registry as the extension ships it: data files in the package (data/registry.json,
 * data/ratings.json), read on first use by whoever passes a `read` function (the background,
 * with `fetch(browser.runtime.getURL(...))`). Keeps the 5 MB of data out of every JavaScript
 * bundle, so no script has to parse it at start-up and the content script never sees it.
 */
import type { Registry } from './schema';
import type { RatingsFile } from './ratings';
import { RegistryIndex, type UserSource } from './index';
import { resolverFor } from './resolver';
import type { Resolver } from '../report';

export const PACKAGED_FILES = { registry: 'data/registry.json', ratings: 'data/ratings.json' } as const;

export interface PackagedRegistry {
  /** The resolver over the bundled registry (plus the user's sources, when given). */
  resolver(userSources?: readonly UserSource[] | null): Promise<Resolver>;
  /** The loaded registry (datasets, version, sources). */
  registry(): Promise<Registry>;
}

export function packagedRegistry(read: (file: string) => Promise<unknown>): PackagedRegistry {
  let data: Promise<{ registry: Registry; ratings: RatingsFile }> | null = null;
  let base: RegistryIndex | null = null;
  let withUser: { sources: readonly UserSource[]; index: RegistryIndex } | null = null;
  const load = () => {
    data ??= Promise.all([read(PACKAGED_FILES.registry), read(PACKAGED_FILES.ratings)]).then(([registry, ratings]) => ({
      registry: registry as Registry,
      ratings: ratings as RatingsFile,
    }));
    // A failed read is retried next time rather than remembered.
    data.catch(() => (data = null));
    return data;
  };
  return {
    async resolver(userSources) {
      const { registry, ratings } = await load();
      if (!userSources || userSources.length === 0) {
        base ??= new RegistryIndex(registry, { ratings });
        return resolverFor(base);
      }
      if (withUser?.sources !== userSources) {
        withUser = { sources: userSources, index: new RegistryIndex(registry, { ratings, userSources }) };
      }
      return resolverFor(withUser.index);
    },
    async registry() {
      return (await load()).registry;
    },
  };
}
