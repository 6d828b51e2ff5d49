import { describe, expect, it } from 'vitest';
import { isSiteEnabled, parseSettings, setSiteEnabled, siteKey } from '../../lib/settings';

describe('settings', () => {
  it('repairs damaged stored values instead of throwing', () => {
    expect(parseSettings(null).disabledSites).toEqual([]);
    expect(parseSettings({ disabledSites: 'x' }).disabledSites).toEqual([]);
    expect(parseSettings({ disabledSites: ['WWW.Example.DE', 3, 'example.de'] }).disabledSites).toEqual(['example.de']);
  });
  it('remembers a site by hostname without www', () => {
    expect(siteKey('https://www.Example.de/a?b')).toBe('example.de');
    let s = parseSettings({});
    s = setSiteEnabled(s, 'https://www.example.de/x', false);
    expect(isSiteEnabled(s, 'https://example.de/other')).toBe(false);
    expect(isSiteEnabled(s, 'https://other.de/')).toBe(true);
    s = setSiteEnabled(s, 'https://example.de/', true);
    expect(isSiteEnabled(s, 'https://example.de/other')).toBe(true);
  });
});
