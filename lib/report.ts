/**
 * Turns a page's facts into its report: resolves every citation, names the page's publisher,
 * detects the article's language and derives the warnings a reader should see.
 * Pure: the resolver is passed in (the background's registry index, or the CLI's).
 */
import { detectLanguage, primaryLanguage } from './lang';
import { findDuplicates } from './duplicates';
import { findTranslations } from './translation/index';
import { foldForMatch } from './text/fold';
import { duplicatePassages } from './passages';
import {
  MAX_TRANSLATION_PARAGRAPHS,
  PAGE_REPORT_SCHEMA,
  type CitedSource,
  type PageFacts,
  type PageReport,
  type PageWarning,
  type ReportCitation,
  type CitationData,
  type ReuseMatch,
  type SourceInfo,
} from './types';

export interface Resolver {
  /** The registry's version, named in every report. */
  readonly version: string;
  resolveCitation(citation: CitationData): ReportCitation;
  /** The source that owns this page's domain, if the registry knows it. */
  resolvePublisher(url: string): SourceInfo | null;
}

export interface ReportOptions {
  /** CLI: the input file. */
  input?: string | null;
  /**
   * Paragraphs seen before on other sites (the background's lib/reuse store, when the opt-in
   * setting is on): becomes the report's `reuse` and a `paragraphs-seen-elsewhere` warning.
   */
  reuse?: ReuseMatch[];
}

export { forTransfer, fromTransfer, type WireReport } from './transfer';

/**
 * Facts from a content script, completed: the duplicate clusters found among the paragraphs it
 * sent (only the well-formed ones count). The background does this for every resolve request
 * with `computeDuplicates` (lib/messages).
 */
export function withDuplicatesFromParagraphs(facts: PageFacts): PageFacts {
  return { ...facts, duplicates: findDuplicates(validParagraphs(facts.paragraphs)) };
}

/** The paragraphs a content script sent, as far as they are well-formed (index and text). */
export function validParagraphs(list: unknown): Array<{ index: number; tag: string; text: string }> {
  if (!Array.isArray(list)) return [];
  const out: Array<{ index: number; tag: string; text: string }> = [];
  for (const p of list as Array<{ index?: unknown; tag?: unknown; text?: unknown } | null>) {
    if (p && typeof p === 'object' && Number.isInteger(p.index) && typeof p.text === 'string') {
      out.push({ index: p.index as number, tag: typeof p.tag === 'string' ? p.tag : 'p', text: p.text });
    }
  }
  return out;
}

export function buildReport(facts: PageFacts, resolver: Resolver, options: ReportOptions = {}): PageReport {
  const citations = facts.citations.map((c) => resolver.resolveCitation(c));
  const lang = detectLanguage(facts.textSample);
  const publisher = facts.url && /^https?:/i.test(facts.url) ? resolver.resolvePublisher(facts.url) : null;
  const sources = citedSources(citations);
  const resolved = citations.filter((c) => c.unresolved.length === 0).length;
  const report: PageReport = {
    schema: PAGE_REPORT_SCHEMA,
    input: options.input ?? null,
    url: facts.url,
    lang,
    htmlLang: facts.htmlLang,
    title: facts.title,
    registryVersion: resolver.version,
    publisher,
    stats: {
      citations: citations.length,
      resolved,
      unresolved: citations.length - resolved,
      paragraphs: facts.paragraphCount,
    },
    citations,
    sources,
    duplicates: withTranslations(facts),
    missingMetadata: facts.missingMetadata,
    warnings: [],
  };
  if (options.reuse) report.reuse = options.reuse;
  report.warnings = deriveWarnings(report, facts);
  return report;
}

/**
 * The page's duplicate clusters plus translation pairs (a paragraph next to its translation).
 * Translation clusters are added only when the facts carry the paragraphs.
 */
function withTranslations(facts: PageFacts) {
  if (!facts.paragraphs?.length) return facts.duplicates;
  const translations = findTranslations(validParagraphs(facts.paragraphs.slice(0, MAX_TRANSLATION_PARAGRAPHS)));
  if (translations.length === 0) return facts.duplicates;
  return [...facts.duplicates, ...translations].sort((a, b) => a.paragraphs[0].index - b.paragraphs[0].index);
}

/** Sources cited on the page, most cited first (ties: first cited first). */
export function citedSources(citations: ReportCitation[]): CitedSource[] {
  const byId = new Map<string, CitedSource>();
  for (const c of citations) {
    const seen = new Set<string>();
    for (const s of c.sources) {
      if (!s || seen.has(s.id)) continue;
      seen.add(s.id);
      let entry = byId.get(s.id);
      if (!entry) byId.set(s.id, (entry = { source: s, count: 0, citations: [] }));
      entry.count++;
      entry.citations.push(c.id);
    }
  }
  return [...byId.values()].sort((a, b) => b.count - a.count || a.citations[0] - b.citations[0]);
}

/** Does the article's text name any place the local source covers? */
export function mentionsCoverage(source: SourceInfo, text: string): boolean {
  const places = source.coverage ?? [];
  if (places.length === 0) return false;
  const haystack = ` ${foldForMatch(text)} `;
  return places.some((place) => {
    const needle = foldForMatch(place);
    return needle.length > 1 && haystack.includes(` ${needle} `);
  });
}

export function deriveWarnings(report: PageReport, facts: PageFacts): PageWarning[] {
  const warnings: PageWarning[] = [];
  const articleText = `${facts.title}\n${facts.textSample}`;
  const lang = primaryLanguage(report.lang);

  for (const { source, citations } of report.sources) {
    if (source.scope === 'local' && !mentionsCoverage(source, articleText)) {
      warnings.push({
        code: 'local-source-for-non-local-news',
        message: `${source.name} is a local outlet${source.coverage?.length ? ` (${source.coverage[0]})` : ''}, cited for an article that is not about its area.`,
        params: { source: source.name, area: source.coverage?.[0] ?? '' },
        citations,
      });
    }
    const sourceLangs = source.languages.map(primaryLanguage).filter((l): l is string => !!l);
    if (lang && sourceLangs.length > 0 && !sourceLangs.includes(lang)) {
      warnings.push({
        code: 'source-language-mismatch',
        message: `${source.name} publishes in ${sourceLangs.join(', ')}, but the article is in ${lang}.`,
        params: { source: source.name, sourceLanguages: sourceLangs.join(', '), articleLanguage: lang },
        citations,
      });
    }
  }

  for (const m of facts.missingMetadata) {
    const what = m.field === 'author' ? 'author' : 'date';
    warnings.push(
      m.label
        ? {
            code: 'missing-metadata',
            message: `The page shows "${m.label}" but gives no ${what}.`,
            params: { label: m.label, field: m.field },
          }
        : // Absent altogether: no label to quote (without `label`, the UI shows this message).
          {
            code: 'missing-metadata',
            message: m.field === 'author' ? 'The page names no author.' : 'The page gives no publication date.',
            params: { field: m.field },
          },
    );
  }

  const htmlLang = primaryLanguage(facts.htmlLang);
  if (htmlLang && lang && htmlLang !== lang) {
    warnings.push({
      code: 'html-lang-mismatch',
      message: `The page declares its language as "${facts.htmlLang}", but the article text is in ${lang}.`,
      params: { htmlLang: facts.htmlLang ?? '', detected: lang },
    });
  }

  for (const passage of duplicatePassages(report.duplicates)) {
    const cluster = passage[0];
    const count = cluster.paragraphs.length;
    const opening = openingWords(cluster.paragraphs[0].text);
    if (passage.length === 1) {
      warnings.push({
        code: 'duplicate-paragraphs',
        message: `${count} ${cluster.kind === 'translation' ? 'paragraphs translate each other' : cluster.kind === 'near' ? 'paragraphs are nearly identical' : 'paragraphs are identical'}: "${opening}"`,
        params: { count, kind: cluster.kind, opening },
        paragraphs: cluster.paragraphs.map((p) => p.index),
      });
      continue;
    }
    // A repeated block (a fact box, a teaser list, the whole text twice) is one warning, not one per paragraph.
    warnings.push({
      code: 'duplicate-paragraphs',
      message: `A passage of ${passage.length} paragraphs appears ${count} times${cluster.kind === 'translation' ? ', in different languages' : cluster.kind === 'near' ? ', nearly identical' : ''}: "${opening}"`,
      params: { count, kind: cluster.kind, opening, passage: passage.length },
      paragraphs: passage.flatMap((c) => c.paragraphs.map((p) => p.index)).sort((a, b) => a - b),
    });
  }

  const reuse = report.reuse ?? [];
  if (reuse.length > 0) {
    const sites = [...new Set(reuse.map((m) => m.site))];
    warnings.push({
      code: 'paragraphs-seen-elsewhere',
      message: `${reuse.length} paragraph${reuse.length === 1 ? ' also appears on a page' : 's also appear on pages'} you visited on ${sites.join(', ')}.`,
      params: { count: reuse.length, sites: sites.join(', ') },
      paragraphs: reuse.map((m) => m.paragraph),
    });
  }

  // Unresolved named sources are worth a look; unlinked numeric references (books, papers) are not.
  const unresolvedNamed = report.citations.filter((c) => c.kind !== 'numeric' && c.unresolved.length > 0);
  if (unresolvedNamed.length > 0) {
    warnings.push({
      code: 'unresolved-citations',
      message: `${unresolvedNamed.length} cited source${unresolvedNamed.length === 1 ? '' : 's'} could not be identified.`,
      params: { count: unresolvedNamed.length },
      citations: unresolvedNamed.map((c) => c.id),
    });
  }
  return warnings;
}

/** The first words of a paragraph, for lists of duplicates. */
export function openingWords(text: string, words = 12): string {
  const parts = text.trim().split(/\s+/);
  return parts.length <= words ? parts.join(' ') : `${parts.slice(0, words).join(' ')} …`;
}
