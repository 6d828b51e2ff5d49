/**
 * A claim: what one dataset says about one site key. The build collects claims from every
 * dataset, then merges the claims of each key (see merge.ts).
 */
import { DomainSchema, type Ownership, type Rating, type Scope, type SourceType } from '../../lib/registry/schema';
import { getDomain } from 'tldts';
import { hostToUnicode, registrableDomain, splitHostPath } from '../../lib/registry/normalize';

export interface TypeClaim {
  type: SourceType;
  /** weak: a generic "news publisher" class that a specific news type refines. */
  strength: 'strong' | 'weak';
  /** The dataset's own words ("Cite Unseen: tabloids"), for the conflicts report. */
  label: string;
}

export interface Claim {
  dataset: string;
  /** Site key: lowercase host without "www.", optionally "/path" (see siteKey). */
  key: string;
  name?: string;
  aliases?: string[];
  type?: TypeClaim;
  scope?: Scope;
  ownership?: Ownership;
  country?: string;
  /** The dataset's own words for the country ("state MX", "section UK"). */
  countryLabel?: string;
  languages?: string[];
  /** Dataset id the languages are credited to, when not `dataset` (a rule of ours). */
  languagesFrom?: string;
  owner?: string;
  coverage?: string[];
  ratings?: Rating[];
  /** Claims of one dataset entry that names several sites ("Press TV": presstv.ir, presstv.co.uk). */
  group?: string;
}

/** A row or entry a dataset reader skipped, with why. */
export interface Skipped {
  dataset: string;
  what: string;
  why: string;
}

const FILE_SEGMENT = /\.(?:s?html?|php\d?|aspx?|cfm|jsp|cgi)$|^(?:index|default|home)(?:\.\w+)?$/;

/**
 * The key a site is merged under: its host (lowercase, Unicode, without "www."/"m."/"amp.")
 * plus, when the dataset names a section, up to three path segments ("theguardian.com/commentisfree").
 * A dataset naming "www.example.com" and another naming "example.com" share the key
 * "example.com"; a dataset naming a subdomain ("news.sky.com") or a section keeps it apart.
 * Null for things that are no site (an IP address, junk, and a bare public suffix such as
 * "go.jp" unless `allowPublicSuffix`: curated entries may name sites like "gov.uk" that are one).
 */
export function siteKey(input: string, options: { allowPublicSuffix?: boolean } = {}): string | null {
  const hp = splitHostPath(input.trim().replace(/\*+$/, ''));
  if (!hp) return null;
  const host = hostToUnicode(hp.host);
  if (/^\d+(?:\.\d+){3}$/.test(host)) return null;
  const reg = registrableDomain(host);
  const segs = hp.path ? hp.path.split('/').filter(Boolean) : [];
  while (segs.length > 0 && FILE_SEGMENT.test(segs[segs.length - 1])) segs.pop();
  // A host that is a suffix itself: private ones ("blogspot.com") are sites; ICANN ones
  // ("go.jp", "gov.uk") only when the caller knows it means the site.
  if (!reg && segs.length === 0 && !getDomain(host) && !(options.allowPublicSuffix && host.includes('.'))) return null;
  const key = segs.length > 0 ? `${host}/${segs.slice(0, 3).join('/')}` : host;
  return DomainSchema.safeParse(key).success ? key : null;
}

/** The host part of a key. */
export function keyHost(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? key : key.slice(0, i);
}

export function keyPath(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? '' : key.slice(i + 1);
}
