/**
 * Plain data types shared by lib/, the extension and the command line. Everything here is
 * JSON-serialisable (it crosses the extension's message channel and is written by the CLI),
 * and none of it imports zod, so the content script can use it for free.
 */
import type { Ownership, Scope, SourceType } from './registry/schema';

/** How a citation names its source. `credit` is a news-paragraph credit such as "Berlin (dpa) –". */
export type CitationKind = 'domain' | 'url' | 'name' | 'numeric' | 'credit';

/** One source named inside a marker: `[dpa/AFP]` has two parts, `[Reuters]` one. */
export interface CitationPart {
  /** What names the source: "radioenneperuhr.de", "dpa", "https://example.org/x", "2". */
  key: string;
  kind: Exclude<CitationKind, 'credit'>;
  /** For `url` parts the URL; for `numeric` parts the first external link of the reference. */
  url?: string;
  /** For `numeric` parts: the text of the reference-list entry (at most 300 characters). */
  refText?: string;
  /** For `numeric` parts: the id of the reference-list element, when there is one. */
  refId?: string;
}

/** A citation found in the page, before resolution. */
export interface CitationData {
  /** Position in document order, from 0. */
  id: number;
  /** The marker as it reads on the page, brackets included: "[Quelle: dpa]". */
  marker: string;
  /** The marker's content without brackets and label: "dpa", "2, 3", "dpa/AFP". */
  key: string;
  /** The kind of the first part (a bracket mixing kinds takes its first). */
  kind: CitationKind;
  /** A label that introduced the source ("Quelle", "Source", "via"), if any. */
  label?: string;
  parts: CitationPart[];
  /** The sentence the marker stands in (or closes), without the marker. */
  context: string;
  /** Index into the page's paragraph list (see lib/paragraphs), or null outside it. */
  paragraph: number | null;
}

export type DuplicateKind = 'exact' | 'near' | 'translation';

export interface DuplicateParagraph {
  /** Index into the page's paragraph list. */
  index: number;
  /** The element's tag, lowercase: "p", "h1", "li". */
  tag: string;
  text: string;
  /** BCP 47 language of this paragraph, when known (translations). */
  lang?: string | null;
}

/** A group of paragraphs that repeat each other. */
export interface DuplicateCluster {
  kind: DuplicateKind;
  /** The lowest similarity among the member pairs that linked the cluster, 0..1 (1 for exact). */
  similarity: number;
  /** For translation clusters: how sure we are, 0..1. */
  confidence?: number;
  paragraphs: DuplicateParagraph[];
}

/**
 * Metadata the page promises but lacks ("Veröffentlicht am" followed by nothing), or, with an
 * empty `label`, a publication date or author an article gives nowhere (lib/metadata).
 */
export interface MissingMetadata {
  field: 'published' | 'author' | 'modified';
  /**
   * The label as it stands on the page; '' when the page has no label and no value for the
   * field at all (only 'published' and 'author').
   */
  label: string;
}

/** What the content script (or the CLI) gathers from a page: no registry needed. */
export interface PageFacts {
  url: string | null;
  /** `<html lang>` as written, or null. */
  htmlLang: string | null;
  title: string;
  citations: CitationData[];
  duplicates: DuplicateCluster[];
  missingMetadata: MissingMetadata[];
  /** Article text for language detection: the paragraphs, joined, at most 6,000 characters. */
  textSample: string;
  /** Number of paragraphs of article text found. */
  paragraphCount: number;
  /**
   * The article's paragraphs (at most MAX_SENT_PARAGRAPHS), for the checks that need more than
   * the DOM scan: translation pairs are found where the language detector lives (background, CLI),
   * and the content script leaves the duplicate clusters to the background (lib/messages).
   */
  paragraphs?: Array<{ index: number; tag: string; text: string }>;
}

/**
 * At most this many paragraphs, and this much of their text, travel with a page's facts: the
 * checks on paragraphs (duplicates, translations, reuse) see the first 1.5 million characters
 * of an article (far more than any real one), and sending them stays a short task on the page's
 * main thread. Translation pairs are looked for among the first MAX_TRANSLATION_PARAGRAPHS.
 */
export const MAX_SENT_PARAGRAPHS = 20_000;
export const MAX_SENT_CHARS = 1_500_000;
export const MAX_TRANSLATION_PARAGRAPHS = 2000;

/** A fact's origin, expanded for display. */
export interface FactOrigin {
  dataset: string;
  title: string;
  licence: string;
  date: string;
}

/** A resolved source as the UI and reports see it: the registry entry with provenance expanded. */
export interface SourceInfo {
  id: string;
  name: string;
  aliases: string[];
  domains: string[];
  type: SourceType;
  scope: Scope;
  ownership: Ownership;
  country: string;
  languages: string[];
  owner?: string;
  parent?: string;
  /** Name of the parent source, when the registry has it. */
  parentName?: string;
  coverage?: string[];
  description?: string;
  ratings: Array<{
    system: string;
    value: string | number;
    dataset: string;
    date: string;
    licence: string;
  }>;
  provenance: Partial<Record<string, FactOrigin>>;
  /** True when the entry comes from the user's own sources. */
  user?: boolean;
}

export type UnresolvedReason =
  | 'unknown-domain'
  | 'unknown-name'
  | 'no-reference-link'
  | 'reference-not-found'
  | 'unknown-url';

/** What is known about a part that did not resolve. */
export interface Unresolved {
  key: string;
  reason: UnresolvedReason;
  /** Registrable domain, when the key is or contains one. */
  domain?: string;
  /** Country of the domain's country-code TLD ("DE" for .de), when there is one. */
  tldCountry?: string;
  /** Up to three close registry entries: ids and names. */
  suggestions?: Array<{ id: string; name: string }>;
}

export interface ReportCitation extends CitationData {
  /** The first part's source, or null. */
  source: SourceInfo | null;
  /** One entry per part, in order; null where a part did not resolve. */
  sources: Array<SourceInfo | null>;
  /** One entry per part that did not resolve. */
  unresolved: Unresolved[];
}

export type WarningCode =
  | 'local-source-for-non-local-news'
  | 'source-language-mismatch'
  | 'missing-metadata'
  | 'html-lang-mismatch'
  | 'duplicate-paragraphs'
  | 'unresolved-citations'
  | 'paragraphs-seen-elsewhere';

export interface PageWarning {
  code: WarningCode;
  /** English text (the UI localises from code and params). */
  message: string;
  params: Record<string, string | number>;
  /** Citations the warning is about (ids). */
  citations?: number[];
  /** Paragraphs the warning is about (indices). */
  paragraphs?: number[];
}

export interface CitedSource {
  source: SourceInfo;
  count: number;
  /** Citation ids. */
  citations: number[];
}

export const PAGE_REPORT_SCHEMA = 'sourcelens.page-report/1';

export interface PageReport {
  schema: typeof PAGE_REPORT_SCHEMA;
  /** CLI: the file the report is about. Extension: null. */
  input: string | null;
  url: string | null;
  /** Main language of the article text, BCP 47, or null. */
  lang: string | null;
  htmlLang: string | null;
  title: string;
  registryVersion: string;
  /** The page's own publisher, when the registry knows its domain. */
  publisher: SourceInfo | null;
  stats: { citations: number; resolved: number; unresolved: number; paragraphs: number };
  citations: ReportCitation[];
  sources: CitedSource[];
  duplicates: DuplicateCluster[];
  missingMetadata: MissingMetadata[];
  warnings: PageWarning[];
  /**
   * Paragraphs of this page seen before on other sites (the opt-in setting `crossPageReuse`;
   * lib/reuse). Absent when the setting is off or the report comes from the CLI.
   */
  reuse?: ReuseMatch[];
}

/**
 * A paragraph's fingerprint as the content script sends it to the background (lib/reuse/signature):
 * 16 LSH band keys (each 0..65535) of its MinHash signature. The text itself is not part of it;
 * `opening` (its first words) travels along for the popup and is never stored.
 */
export interface ParagraphFingerprint {
  /** Index into the page's paragraph list. */
  paragraph: number;
  bands: number[];
  opening: string;
}

/** A paragraph of the current page that was seen before on another site (lib/reuse/store). */
export interface ReuseMatch {
  /** Index into the page's paragraph list. */
  paragraph: number;
  /** The paragraph's first words (from the current page). */
  opening: string;
  /** Estimated Jaccard similarity of the two paragraphs' word 3-grams, 0..1 (from agreeing bands). */
  similarity: number;
  /** The other page's site (registrable domain, e.g. "example.co.uk"). */
  site: string;
  /** The other page's address without query and fragment. */
  url: string;
  /** When that page was seen, milliseconds since 1970 (UTC). */
  seenAt: number;
  /** On how many other sites a matching paragraph was seen (≥ 1). */
  sites: number;
}
