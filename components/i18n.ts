/**
 * The UI's one way to text: `t(key, substitutions)` over the WebExtension i18n API
 * (messages in public/_locales/<locale>/messages.json), plus formatters for the names
 * the registry and reports carry as codes (source types, countries, languages, warnings).
 *
 * No message catalogue is bundled: when `browser.i18n.getMessage` is unavailable or has
 * no such message, `t` returns the key itself, so a missing string is visible, never blank.
 * Tests install a fake `getMessage` built with `makeGetMessage` from a messages.json.
 */
import { browser } from 'wxt/browser';
import type { Ownership, Scope, SourceType } from '../lib/registry/schema';
import type { DuplicateKind, MissingMetadata, PageWarning, UnresolvedReason } from '../lib/types';

/** Every message name in the English catalogue (type-only import: nothing is bundled). */
export type MessageKey = keyof typeof import('../public/_locales/en/messages.json');

export type Substitution = string | number;

type GetMessage = (name: string, substitutions?: string | string[]) => string;

/** The localised message `key`, with `$1`… replaced by `subs`. Falls back to the key. */
export function t(key: MessageKey, subs?: Substitution | Substitution[]): string {
  const list = subs === undefined ? undefined : (Array.isArray(subs) ? subs : [subs]).map(String);
  try {
    const getMessage = browser.i18n?.getMessage as GetMessage | undefined;
    if (!getMessage) return key;
    // getMessage crosses into the browser on every call, and a page with hundreds of markers
    // asks for the same few strings again and again: remember them (per getMessage, so a
    // test that swaps the catalogue starts afresh). A message with substitutions is asked for
    // once, with placeholder characters in their place, and filled in here: thousands of
    // markers with different texts cost one call.
    if (getMessage !== cachedFor) {
      cachedFor = getMessage;
      messageCache.clear();
    }
    const n = list?.length ?? 0;
    const cacheKey = n ? `${key}\u0000${n}` : key;
    let text = messageCache.get(cacheKey);
    if (text === undefined) {
      text = getMessage(key, n ? PLACEHOLDERS.slice(0, n) : undefined) || '';
      messageCache.set(cacheKey, text);
    }
    if (text) return n && n <= PLACEHOLDERS.length ? text.replace(PLACEHOLDER_RE, (c) => list![c.charCodeAt(0) - 0xe000]) : text;
  } catch {
    // No i18n API here (a plain page, a test without a fake): fall through.
  }
  return key;
}

/** Private-use characters standing for substitutions 1–9 in cached messages. */
const PLACEHOLDERS = Array.from({ length: 9 }, (_, i) => String.fromCharCode(0xe000 + i));
const PLACEHOLDER_RE = /[\ue000-\ue008]/g;

let cachedFor: GetMessage | null = null;
const messageCache = new Map<string, string>();

/** The browser's UI language, e.g. "de-DE"; "en" when unknown. */
export function uiLanguage(): string {
  try {
    const lang = browser.i18n?.getUILanguage?.();
    if (lang) return lang.replace(/_/g, '-');
  } catch {
    // ignore
  }
  return (typeof navigator !== 'undefined' && navigator.language) || 'en';
}

/**
 * The locale the UI text is actually in: the catalogue the browser picked (its `locale`
 * message), which is the default "en" for UI languages we don't translate.
 */
export function messageLocale(): string {
  const own = t('locale');
  return own === 'locale' ? uiLanguage() : own;
}

/**
 * The language to put on `<html lang>` and to format with: the UI language when the
 * text is in it (keeping its region, "de-AT"), else the catalogue's locale.
 */
export function displayLocale(): string {
  const ui = uiLanguage();
  const own = messageLocale();
  return baseLanguage(ui) === baseLanguage(own) ? ui : own;
}

function baseLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0];
}

/** `msgKey('type', 'news-agency')` → "type_news_agency". */
function msgKey(prefix: string, value: string): MessageKey {
  return `${prefix}_${value.replace(/[^A-Za-z0-9]+/g, '_')}` as MessageKey;
}

/** `t` for a key built from a code; returns `fallback` when the catalogue has no such key. */
function tCode(prefix: string, value: string, fallback: string = value): string {
  const key = msgKey(prefix, value);
  const text = t(key);
  return text === key ? fallback : text;
}

export function typeLabel(type: SourceType | string): string {
  return tCode('type', type);
}
export function scopeLabel(scope: Scope | string): string {
  return tCode('scope', scope);
}
export function ownershipLabel(ownership: Ownership | string): string {
  return tCode('ownership', ownership);
}
/** The name of a source fact ("country" → "Country"). */
export function factLabel(fact: string): string {
  return tCode('fact', fact);
}
export function reasonText(reason: UnresolvedReason | string): string {
  return tCode('reason', reason);
}
export function duplicateKindLabel(kind: DuplicateKind): string {
  return tCode('dup_kind', kind);
}
export function metadataFieldLabel(field: MissingMetadata['field'] | string): string {
  return tCode('meta', field);
}

/** A rating system's display name ("wikipedia-perennial" → "Wikipedia perennial sources"). */
export function ratingSystemName(system: string): string {
  return tCode('rating_system', system);
}
/** One plain sentence saying what the rating system measures. */
export function ratingSystemExplanation(system: string): string {
  return tCode('rating_explain', system, t('rating_explain_other'));
}
/** A rating's value in words where the system's values are codes ("gr" → "Generally reliable"). */
export function ratingValueLabel(system: string, value: string | number): string {
  if (typeof value === 'number') {
    return formatNumber(value, { maximumFractionDigits: 2, minimumFractionDigits: value % 1 === 0 ? 0 : 2 });
  }
  if (system === 'wikipedia-perennial') return tCode('rating_wp', value.toLowerCase(), value);
  if (system === 'cred-1') return tCode('rating_cred', value.toLowerCase(), value);
  return value;
}

const displayNamesCache = new Map<string, Intl.DisplayNames | null>();
function displayNames(type: 'region' | 'language'): Intl.DisplayNames | null {
  const locale = displayLocale();
  const cacheKey = `${type}|${locale}`;
  if (!displayNamesCache.has(cacheKey)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type, fallback: 'none' });
    } catch {
      names = null;
    }
    displayNamesCache.set(cacheKey, names);
  }
  return displayNamesCache.get(cacheKey) ?? null;
}

/** "DE" → "Germany" (in the UI language); the code itself when unknown. */
export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    return displayNames('region')?.of(code.toUpperCase()) || code;
  } catch {
    return code;
  }
}

/** "fr" → "French", "de-AT" → "Austrian German" (in the UI language); the tag when unknown. */
export function languageName(tag: string | null | undefined): string {
  if (!tag) return '';
  try {
    return displayNames('language')?.of(tag) || tag;
  } catch {
    return tag;
  }
}

/** Joins items as the UI language does: "A, B and C" or, with 'disjunction', "A, B or C". */
export function formatList(items: string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  try {
    return new Intl.ListFormat(displayLocale(), { style: 'long', type }).format(items);
  } catch {
    return items.join(', ');
  }
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  try {
    return new Intl.NumberFormat(displayLocale(), options).format(value);
  } catch {
    return String(value);
  }
}

/** 0.96 → "96%" ("96 %" in German and French). */
export function formatPercent(fraction: number): string {
  // An estimate just short of certainty (0.9999) reads "99 %", never "100 %": only an exact 1 is 100 %.
  const shown = fraction < 1 ? Math.min(fraction, 0.99) : fraction;
  return formatNumber(shown, { style: 'percent', maximumFractionDigits: 0 });
}

/** "2026-11-27" → "27 Nov 2026"; "2026-11" → "Nov 2026"; "2026" stays. Unparsable dates stay as written. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso.trim());
  if (!m || !m[2]) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(displayLocale(), {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'short',
      ...(m[3] ? { day: 'numeric' } : {}),
    }).format(date);
  } catch {
    return iso;
  }
}

/**
 * For messages with a singular and a plural form (`<base>_one`, `<base>_other`): the form
 * the UI language uses for `count` (French says "1 fois", "0 fois" like a singular).
 */
export function plural(base: string, count: number): MessageKey {
  let form = count === 1 ? 'one' : 'other';
  try {
    form = new Intl.PluralRules(messageLocale()).select(count) === 'one' ? 'one' : 'other';
  } catch {
    // keep the English rule
  }
  return `${base}_${form}` as MessageKey;
}

/** Language tags in a warning parameter ("de", "de, en", "de/en") as names: "German and English". */
function languageList(raw: string | number | undefined): string {
  if (raw === undefined || raw === '') return '';
  const tags = String(raw)
    .split(/[\s,;/|]+/)
    .filter(Boolean);
  return formatList(tags.map(languageName));
}

function param(w: PageWarning, ...names: string[]): string | number | undefined {
  for (const name of names) {
    const value = w.params?.[name];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/**
 * A warning about a cited source (a local outlet cited for news outside its area, a source in
 * another language than the article) in the UI language; undefined for other warnings or when a
 * parameter is missing. The hovercard of a flagged citation says it too.
 */
export function sourceWarningText(w: PageWarning): string | undefined {
  const source = param(w, 'source', 'sourceName', 'name');
  if (source === undefined) return;
  if (w.code === 'local-source-for-non-local-news') {
    const area = param(w, 'area');
    return area !== undefined ? t('warn_local_source_area', [String(source), String(area)]) : t('warn_local_source', String(source));
  }
  const langs = param(w, 'sourceLanguages', 'sourceLangs', 'languages');
  const article = param(w, 'articleLanguage', 'articleLang', 'lang', 'detected');
  if (w.code === 'source-language-mismatch' && langs !== undefined && article !== undefined) {
    return t('warn_source_language', [String(source), languageList(langs), languageName(String(article))]);
  }
}

/**
 * A report warning in the UI language, from its code and parameters (lib/report.ts):
 * - local-source-for-non-local-news: `source` (name), `area` (optional: the place it covers)
 * - source-language-mismatch: `source`, `sourceLanguages` (tags, comma-separated), `articleLanguage` (tag)
 * - missing-metadata: `label`, `field` (published | modified | author)
 * - html-lang-mismatch: `htmlLang`, `detected` (tags)
 * - duplicate-paragraphs (one per group, or per repeated passage of consecutive groups): `count`
 *   (paragraphs in the group; copies of the passage), `kind`, `opening` (first words), and for a
 *   passage `passage` (how many paragraphs it has)
 * - unresolved-citations: `count` (citations)
 * - paragraphs-seen-elsewhere: `count` (paragraphs), `sites` (the other sites, comma-separated)
 * Falls back to the warning's English `message` when a parameter is missing or the code is new.
 */
export function warningText(w: PageWarning): string {
  switch (w.code) {
    case 'local-source-for-non-local-news':
    case 'source-language-mismatch': {
      const text = sourceWarningText(w);
      if (text) return text;
      break;
    }
    case 'missing-metadata': {
      const label = param(w, 'label');
      const field = param(w, 'field');
      // No label: the page gives no date (or names no author) anywhere.
      if (label === undefined && field === 'published') return t('meta_absent_published');
      if (label === undefined && field === 'author') return t('meta_absent_author');
      if (label === undefined) break;
      if (field === 'published' || field === 'modified') return t('warn_missing_date', String(label));
      if (field === 'author') return t('warn_missing_author', String(label));
      return t('warn_missing_metadata', String(label));
    }
    case 'html-lang-mismatch': {
      const html = param(w, 'htmlLang', 'html', 'declared');
      const detected = param(w, 'detected', 'lang', 'textLang', 'articleLanguage');
      if (html !== undefined && detected !== undefined) {
        return t('warn_html_lang', [languageName(String(html)), languageName(String(detected))]);
      }
      break;
    }
    case 'duplicate-paragraphs': {
      const count = Number(param(w, 'count'));
      const kind = param(w, 'kind');
      const opening = param(w, 'opening');
      const passage = Number(param(w, 'passage') ?? 1);
      if (Number.isFinite(count) && opening !== undefined && (kind === 'exact' || kind === 'near' || kind === 'translation')) {
        if (passage > 1) return t(`warn_dup_passage_${kind}`, [formatNumber(passage), formatNumber(count), String(opening)]);
        return t(`warn_dup_${kind}`, [formatNumber(count), String(opening)]);
      }
      break;
    }
    case 'unresolved-citations': {
      const count = Number(param(w, 'count'));
      if (Number.isFinite(count)) return t(plural('warn_unresolved', count), formatNumber(count));
      break;
    }
    case 'paragraphs-seen-elsewhere': {
      const count = Number(param(w, 'count'));
      const sites = param(w, 'sites');
      if (Number.isFinite(count) && sites !== undefined) {
        const list = String(sites).split(/,\s*/).filter(Boolean);
        return t(plural('warn_reuse', count), [formatNumber(count), formatList(list)]);
      }
      break;
    }
  }
  return w.message;
}

/** How serious a warning is, for its icon and the word screen readers hear first. */
export function warningSeverity(code: PageWarning['code'] | string): 'warning' | 'info' {
  return code === 'local-source-for-non-local-news' ||
    code === 'source-language-mismatch' ||
    code === 'duplicate-paragraphs'
    ? 'warning'
    : 'info';
}

export interface MessagesFile {
  [key: string]: {
    message: string;
    description?: string;
    placeholders?: Record<string, { content: string; example?: string }>;
  };
}

/**
 * A `getMessage` over one messages.json with the browsers' substitution rules
 * ($NAME$ → its placeholder's content, $1…$9 → substitutions, $$ → $). For tests and
 * for previews; the extension itself uses the browser's.
 */
export function makeGetMessage(messages: MessagesFile): GetMessage {
  const byLowerName = new Map(Object.entries(messages).map(([k, v]) => [k.toLowerCase(), v]));
  return (name, substitutions) => {
    const entry = byLowerName.get(name.toLowerCase());
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    const placeholders = new Map(
      Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]),
    );
    const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$|\$(\d)/g, (match, name?: string, n?: string) => {
      if (match === '$$') return '$';
      if (name !== undefined) {
        const content = placeholders.get(name.toLowerCase());
        return content === undefined ? '' : fill(content);
      }
      return subs[Number(n) - 1] ?? '';
    });
  };
}
