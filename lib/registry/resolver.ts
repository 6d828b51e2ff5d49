/** A lib/report Resolver over a registry index. */
import type { Resolver } from '../report';
import { resolveCitation, resolveDomain } from '../resolve';
import type { RegistryIndex } from './index';

export function resolverFor(index: RegistryIndex): Resolver {
  return {
    version: index.version,
    resolveCitation: (c) => resolveCitation(c, index),
    resolvePublisher: (url) => resolveDomain(url, index),
  };
}
