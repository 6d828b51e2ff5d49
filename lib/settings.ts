/**
 * User settings, as stored in storage.local under SETTINGS_KEY. Always read through
 * `parseSettings`, which validates and repairs what it reads (a damaged value never breaks
 * the content script: unknown or wrong fields fall back to their defaults). Version 1 (only
 * `disabledSites`) reads as version 2 in mode "everywhere".
 */
export const SETTINGS_KEY = 'sourcelens:settings';
export const SETTINGS_VERSION = 2;

/** Where SourceLens runs: everywhere except the listed sites, or only on the listed sites. */
export type SiteMode = 'everywhere' | 'listed-only';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  mode: SiteMode;
  /** Sites (see siteKey) where SourceLens is off, in mode "everywhere". */
  disabledSites: string[];
  /** Sites where SourceLens is on, in mode "listed-only". */
  enabledSites: string[];
  /** Keep paragraph fingerprints of visited pages to spot reuse across sites (opt-in). */
  crossPageReuse: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  mode: 'everywhere',
  disabledSites: [],
  enabledSites: [],
  crossPageReuse: false,
};

/** `<meta name="sourcelens" content="off">` in a page asks SourceLens to leave it alone. */
export const OPT_OUT_META = 'sourcelens';

export function parseSettings(raw: unknown): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS, disabledSites: [], enabledSites: [] };
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Partial<Record<keyof Settings, unknown>>;
  out.disabledSites = siteList(r.disabledSites);
  out.enabledSites = siteList(r.enabledSites);
  if (r.mode === 'listed-only' || r.mode === 'everywhere') out.mode = r.mode;
  if (typeof r.crossPageReuse === 'boolean') out.crossPageReuse = r.crossPageReuse;
  return out;
}

function siteList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((s): s is string => typeof s === 'string').map(siteKey).filter(Boolean))];
}

/**
 * The key a site is remembered by: its hostname, lowercase, without a leading "www." and
 * without the port (like the browser's own site settings). Local files are all one site,
 * "file://".
 */
export function siteKey(hostOrUrl: string): string {
  const text = hostOrUrl.trim().toLowerCase();
  if (text.startsWith('file:')) return 'file://';
  if (!text.includes('/')) return text.replace(/^www\./, '');
  try {
    const url = new URL(text);
    return url.hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

export function isSiteEnabled(settings: Settings, url: string): boolean {
  const key = siteKey(url);
  return settings.mode === 'listed-only' ? settings.enabledSites.includes(key) : !settings.disabledSites.includes(key);
}

export function setSiteEnabled(settings: Settings, url: string, enabled: boolean): Settings {
  const key = siteKey(url);
  if (settings.mode === 'listed-only') {
    const rest = settings.enabledSites.filter((s) => s !== key);
    return { ...settings, enabledSites: enabled ? [...rest, key] : rest };
  }
  const rest = settings.disabledSites.filter((s) => s !== key);
  return { ...settings, disabledSites: enabled ? rest : [...rest, key] };
}

/** Does the page opt out with `<meta name="sourcelens" content="off">`? */
export function pageOptsOut(doc: Document): boolean {
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i];
    if ((m.getAttribute('name') ?? '').toLowerCase() === OPT_OUT_META) {
      const content = (m.getAttribute('content') ?? '').trim().toLowerCase();
      if (content === 'off' || content === 'none' || content === 'false') return true;
    }
  }
  return false;
}
