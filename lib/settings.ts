/**
 * User settings, as stored in storage.local under SETTINGS_KEY. Always read through
 * `parseSettings`, which validates and repairs what it reads (a damaged value never breaks
 * the content script: unknown or wrong fields fall back to their defaults).
 */
export const SETTINGS_KEY = 'sourcelens:settings';
export const SETTINGS_VERSION = 1;

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Hostnames (lowercase, without "www.") where SourceLens is switched off. */
  disabledSites: string[];
}

export const DEFAULT_SETTINGS: Settings = { version: SETTINGS_VERSION, disabledSites: [] };

export function parseSettings(raw: unknown): Settings {
  const out: Settings = { version: SETTINGS_VERSION, disabledSites: [] };
  if (typeof raw !== 'object' || raw === null) return out;
  const sites = (raw as { disabledSites?: unknown }).disabledSites;
  if (Array.isArray(sites)) {
    out.disabledSites = [...new Set(sites.filter((s): s is string => typeof s === 'string').map(siteKey).filter(Boolean))];
  }
  return out;
}

/** The key a site is remembered by: its hostname, lowercase, without a leading "www.". */
export function siteKey(hostOrUrl: string): string {
  let host = hostOrUrl.trim().toLowerCase();
  try {
    if (host.includes('/')) host = new URL(host).hostname;
  } catch {
    return '';
  }
  return host.replace(/^www\./, '');
}

export function isSiteEnabled(settings: Settings, url: string): boolean {
  const key = siteKey(url);
  return !settings.disabledSites.includes(key);
}

export function setSiteEnabled(settings: Settings, url: string, enabled: boolean): Settings {
  const key = siteKey(url);
  const rest = settings.disabledSites.filter((s) => s !== key);
  return { ...settings, disabledSites: enabled ? rest : [...rest, key] };
}
