/**
 * Resolves a page's citations against the registry index: each part of a marker to a source,
 * or to what is known about it when the registry has no entry (its registrable domain, the
 * country of its ccTLD, close registry entries). Pure.
 */
import { getDomain } from 'tldts';
import type { RegistryIndex } from './registry/index';
import { tldCountry } from './registry/cctld';
import { looksLikeDomain, splitHostPath, stripLabels, unwrapArchiveUrl } from './registry/normalize';
import type { CitationData, CitationPart, ReportCitation, SourceInfo, Unresolved, UnresolvedReason } from './types';

export interface PartResolution {
  source: SourceInfo | null;
  unresolved: Unresolved | null;
}

/** Resolves every part of a citation; `source` is the first part's. */
export function resolveCitation(c: CitationData, index: RegistryIndex): ReportCitation {
  const sources: Array<SourceInfo | null> = [];
  const unresolved: Unresolved[] = [];
  for (const part of c.parts) {
    const r = resolvePart(part, index);
    sources.push(r.source);
    if (r.unresolved) unresolved.push(r.unresolved);
  }
  return { ...c, source: sources[0] ?? null, sources, unresolved };
}

/** The source owning a host or URL (the page's own publisher, say), or null. */
export function resolveDomain(hostOrUrl: string, index: RegistryIndex): SourceInfo | null {
  const s = index.byDomain(hostOrUrl);
  return s ? index.info(s) : null;
}

export function resolvePart(part: CitationPart, index: RegistryIndex): PartResolution {
  switch (part.kind) {
    case 'domain':
    case 'url': {
      const target = part.url ?? part.key;
      const s = index.byDomain(target);
      if (s) return found(index, s);
      return missing(index, part.key, part.kind === 'url' ? 'unknown-url' : 'unknown-domain', target);
    }
    case 'name': {
      const byName = index.byName(part.key);
      if (byName) return found(index, byName);
      const bare = stripLabels(part.key);
      if (looksLikeDomain(bare)) {
        const s = index.byDomain(bare);
        if (s) return found(index, s);
        return missing(index, part.key, 'unknown-domain', bare);
      }
      return missing(index, part.key, 'unknown-name');
    }
    case 'numeric': {
      if (!part.url) {
        // A reference entry without a link (a book, a paper) vs. no reference entry at all.
        const reason: UnresolvedReason = part.refText || part.refId ? 'no-reference-link' : 'reference-not-found';
        return { source: null, unresolved: { key: part.key, reason } };
      }
      const s = index.byDomain(part.url);
      if (s) return found(index, s);
      return missing(index, part.key, 'unknown-domain', part.url);
    }
  }
}

function found(index: RegistryIndex, s: Parameters<RegistryIndex['info']>[0]): PartResolution {
  return { source: index.info(s), unresolved: null };
}

function missing(index: RegistryIndex, key: string, reason: UnresolvedReason, hostOrUrl?: string): PartResolution {
  const u: Unresolved = { key, reason };
  let suggestKey = stripLabels(key);
  if (hostOrUrl) {
    const hp = splitHostPath(unwrapArchiveUrl(hostOrUrl));
    if (hp) {
      const domain = getDomain(hp.host) ?? undefined;
      if (domain) u.domain = domain;
      const country = tldCountry(hp.host);
      if (country) u.tldCountry = country;
      suggestKey = domain ?? hp.host;
    }
  }
  const suggestions = index.suggest(suggestKey, 3);
  if (suggestions.length > 0) u.suggestions = suggestions;
  return { source: null, unresolved: u };
}
