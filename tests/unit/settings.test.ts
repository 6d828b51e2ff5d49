// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isSiteEnabled, pageOptsOut, parseSettings, setSiteEnabled, siteKey } from '../../lib/settings';

describe('settings', () => {
  it('repairs damaged stored values instead of throwing', () => {
    expect(parseSettings(null).disabledSites).toEqual([]);
    expect(parseSettings({ disabledSites: 'x' }).disabledSites).toEqual([]);
    expect(parseSettings({ disabledSites: ['WWW.Example.DE', 3, 'example.de'] }).disabledSites).toEqual(['example.de']);
    expect(parseSettings({ mode: 'sometimes', crossPageReuse: 'yes' })).toMatchObject({ mode: 'everywhere', crossPageReuse: false });
  });
  it('reads a version 1 value as mode "everywhere" with its sites kept', () => {
    const s = parseSettings({ version: 1, disabledSites: ['example.de'] });
    expect(s).toMatchObject({ version: 2, mode: 'everywhere', disabledSites: ['example.de'], enabledSites: [], crossPageReuse: false });
  });
  it('remembers a site by host without www', () => {
    expect(siteKey('https://www.Example.de/a?b')).toBe('example.de');
    expect(siteKey('http://127.0.0.1:8080/x')).toBe('127.0.0.1');
    expect(siteKey('file:///home/me/draft.html')).toBe('file://');
    expect(siteKey('not a url/')).toBe('');
    let s = parseSettings({});
    s = setSiteEnabled(s, 'https://www.example.de/x', false);
    expect(isSiteEnabled(s, 'https://example.de/other')).toBe(false);
    expect(isSiteEnabled(s, 'https://other.de/')).toBe(true);
    s = setSiteEnabled(s, 'https://example.de/', true);
    expect(isSiteEnabled(s, 'https://example.de/other')).toBe(true);
  });
  it('runs only on listed sites in mode "listed-only"', () => {
    let s = parseSettings({ mode: 'listed-only' });
    expect(isSiteEnabled(s, 'https://example.de/')).toBe(false);
    s = setSiteEnabled(s, 'https://example.de/', true);
    expect(isSiteEnabled(s, 'https://example.de/a')).toBe(true);
    expect(isSiteEnabled(s, 'https://other.de/')).toBe(false);
    s = setSiteEnabled(s, 'https://example.de/', false);
    expect(isSiteEnabled(s, 'https://example.de/a')).toBe(false);
  });
  it('honours the page opt-out meta tag', () => {
    const doc = new DOMParser().parseFromString('<html><head><meta name="SourceLens" content=" Off "></head><body></body></html>', 'text/html');
    expect(pageOptsOut(doc)).toBe(true);
    const other = new DOMParser().parseFromString('<meta name="sourcelens" content="on"><meta name="description" content="off">', 'text/html');
    expect(pageOptsOut(other)).toBe(false);
  });
});
