/**
 * The CSL-JSON export: the sources a page cites, as CSL-JSON items (the input format of
 * citation processors and reference managers: Zotero, citeproc-js, pandoc), one per source.
 * Schema: https://resource.citationstyles.org/schema/latest/input/json/csl-data.json
 * (an array of items; `id` and `type` required; no other properties than the schema's).
 *
 * An item describes the outlet, not one article of it: title and container-title are the
 * source's name, URL its first domain, publisher its owner. What SourceLens knows beyond that
 * (type, reach, country) goes into `note`, in plain words a reader of the bibliography can use.
 *
 * lib/export/csl-schema.ts has a zod schema of the subset written here (tests validate with it;
 * this module stays free of zod so the UI does not carry it).
 */
import type { SourceType } from '../registry/schema';
import type { PageReport, SourceInfo } from '../types';

/** The CSL item types this export uses. */
export type CslItemType = 'webpage' | 'article-newspaper' | 'article-magazine' | 'broadcast' | 'post-weblog' | 'post';

export interface CslItem {
  id: string;
  type: CslItemType;
  title: string;
  'container-title': string;
  URL?: string;
  publisher?: string;
  language?: string;
  note: string;
}

/**
 * The CSL type for a source type: newspapers and news agencies (whose copy papers print)
 * `article-newspaper`, magazines `article-magazine`, broadcasters `broadcast`, blogs
 * `post-weblog`, social media `post`, everything else `webpage`.
 */
export function cslType(type: SourceType): CslItemType {
  switch (type) {
    case 'newspaper':
    case 'news-agency':
      return 'article-newspaper';
    case 'magazine':
      return 'article-magazine';
    case 'broadcaster':
      return 'broadcast';
    case 'blog':
      return 'post-weblog';
    case 'social-media':
      return 'post';
    default:
      return 'webpage';
  }
}

/** "SourceLens: type broadcaster; scope local; country DE" (codes, as in the JSON and CSV exports). */
function note(source: SourceInfo, registryVersion: string): string {
  const parts = [`type ${source.type}`, `scope ${source.scope}`, `country ${source.country}`];
  if (source.ownership && source.ownership !== 'unknown') parts.push(`ownership ${source.ownership}`);
  return `SourceLens (registry ${registryVersion}): ${parts.join('; ')}`;
}

export function cslItem(source: SourceInfo, registryVersion: string): CslItem {
  const item: CslItem = {
    id: source.id,
    type: cslType(source.type),
    title: source.name,
    'container-title': source.name,
    note: note(source, registryVersion),
  };
  const domain = source.domains[0];
  if (domain) item.URL = `https://${domain}`;
  if (source.owner) item.publisher = source.owner;
  if (source.languages[0]) item.language = source.languages[0];
  return item;
}

/** Every source the page cites (each once, in the report's order, the publisher excluded). */
export function cslItems(report: PageReport): CslItem[] {
  const seen = new Set<string>();
  const items: CslItem[] = [];
  const add = (source: SourceInfo | null | undefined) => {
    if (!source || seen.has(source.id)) return;
    seen.add(source.id);
    items.push(cslItem(source, report.registryVersion));
  };
  for (const cited of report.sources) add(cited.source);
  // Sources only reached through a later part of a marker ("[dpa/AFP]") may be missing from
  // `sources` in older reports: take them from the citations too.
  for (const c of report.citations) for (const s of c.sources) add(s);
  return items;
}

/** The cited sources as a CSL-JSON array (pretty-printed, trailing newline). */
export function toCslJson(report: PageReport): string {
  return `${JSON.stringify(cslItems(report), null, 2)}\n`;
}
