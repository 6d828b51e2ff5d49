import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RegistrySchema } from '../../lib/registry/schema';
import { RegistryIndex } from '../../lib/registry/index';
import { resolveCitation, resolveDomain } from '../../lib/resolve';
import type { CitationData, CitationPart } from '../../lib/types';
import { ReportCitationSchema } from '../../lib/report-schema';

const registry = RegistrySchema.parse(JSON.parse(readFileSync(new URL('../fixtures/registry/registry.json', import.meta.url), 'utf8')));
const index = new RegistryIndex(registry);

function citation(parts: CitationPart[], extra: Partial<CitationData> = {}): CitationData {
  return {
    id: 0,
    marker: `[${parts.map((p) => p.key).join('/')}]`,
    key: parts.map((p) => p.key).join('/'),
    kind: parts[0].kind,
    parts,
    context: 'Ein Satz.',
    paragraph: 0,
    ...extra,
  };
}

describe('resolveCitation', () => {
  it('resolves a domain citation and keeps the citation data', () => {
    const c = citation([{ key: 'radioenneperuhr.de', kind: 'domain' }], { label: undefined });
    const r = resolveCitation(c, index);
    expect(r.source?.id).toBe('radio-ennepe-ruhr');
    expect(r.sources.map((s) => s?.id)).toEqual(['radio-ennepe-ruhr']);
    expect(r.unresolved).toEqual([]);
    expect(r.marker).toBe(c.marker);
    expect(r.context).toBe(c.context);
    expect(ReportCitationSchema.safeParse(r).success).toBe(true);
  });

  it('resolves every part of a multi-part citation, source = the first part', () => {
    const r = resolveCitation(
      citation([
        { key: 'dpa', kind: 'name' },
        { key: 'AFP', kind: 'name' },
        { key: '共同通信', kind: 'name' },
        { key: 'https://www.theguardian.com/commentisfree/2024/x', kind: 'url', url: 'https://www.theguardian.com/commentisfree/2024/x' },
      ]),
      index,
    );
    expect(r.sources.map((s) => s?.id)).toEqual(['dpa', 'afp', 'kyodo', 'guardian-opinion']);
    expect(r.source?.id).toBe('dpa');
    expect(r.unresolved).toEqual([]);
    expect(r.source?.provenance.name?.title).toBe('Test curated sources');
  });

  it('keeps the order of parts when some do not resolve', () => {
    const r = resolveCitation(
      citation([
        { key: 'Unbekannte Zeitung', kind: 'name' },
        { key: 'Reuters', kind: 'name' },
        { key: 'dpa', kind: 'name' },
      ]),
      index,
    );
    expect(r.source).toBeNull();
    expect(r.sources.map((s) => s?.id ?? null)).toEqual([null, null, 'dpa']);
    expect(r.unresolved.map((u) => [u.key, u.reason])).toEqual([
      ['Unbekannte Zeitung', 'unknown-name'],
      ['Reuters', 'unknown-name'],
    ]);
    expect(ReportCitationSchema.safeParse(r).success).toBe(true);
  });

  it('resolves a name that is a domain by domain', () => {
    const r = resolveCitation(citation([{ key: 'Quelle: sueddeutsche.de', kind: 'name' }]), index);
    expect(r.source?.id).toBe('sueddeutsche');
  });

  it('says what is known about an unknown domain: registrable domain, ccTLD country, suggestions', () => {
    const r = resolveCitation(citation([{ key: 'example.de', kind: 'domain' }]), index);
    expect(r.source).toBeNull();
    expect(r.unresolved).toHaveLength(1);
    expect(r.unresolved[0]).toMatchObject({ key: 'example.de', reason: 'unknown-domain', domain: 'example.de', tldCountry: 'DE' });

    const typo = resolveCitation(citation([{ key: 'www.radioenneperuhr.com', kind: 'domain' }]), index).unresolved[0];
    expect(typo).toMatchObject({ reason: 'unknown-domain', domain: 'radioenneperuhr.com' });
    expect(typo.tldCountry).toBeUndefined();
    expect(typo.suggestions?.[0]).toEqual({ id: 'radio-ennepe-ruhr', name: 'Radio Ennepe Ruhr' });

    const uk = resolveCitation(citation([{ key: 'news.example.co.uk', kind: 'domain' }]), index).unresolved[0];
    expect(uk).toMatchObject({ domain: 'example.co.uk', tldCountry: 'GB' });
    const eu = resolveCitation(citation([{ key: 'europa.eu', kind: 'domain' }]), index).unresolved[0];
    expect(eu.tldCountry).toBeUndefined();
  });

  it('suggests close names for an unknown name', () => {
    const u = resolveCitation(citation([{ key: 'Radio Enepe-Ruhr', kind: 'name' }]), index).unresolved[0];
    expect(u.reason).toBe('unknown-name');
    expect(u.domain).toBeUndefined();
    expect(u.suggestions?.[0]?.id).toBe('radio-ennepe-ruhr');
    expect(u.suggestions!.length).toBeLessThanOrEqual(3);
    const unknownDomainName = resolveCitation(citation([{ key: 'beispiel-zeitung.at', kind: 'name' }]), index).unresolved[0];
    expect(unknownDomainName).toMatchObject({ reason: 'unknown-domain', domain: 'beispiel-zeitung.at', tldCountry: 'AT' });
  });

  it('resolves url parts and reports unknown ones as unknown-url', () => {
    const ok = resolveCitation(citation([{ key: 'https://m.dpa.com/x', kind: 'url', url: 'https://m.dpa.com/x' }]), index);
    expect(ok.source?.id).toBe('dpa');
    const bad = resolveCitation(citation([{ key: 'https://blog.example.fr/x', kind: 'url', url: 'https://blog.example.fr/x' }]), index).unresolved[0];
    expect(bad).toMatchObject({ reason: 'unknown-url', domain: 'example.fr', tldCountry: 'FR' });
  });

  it('resolves numeric references by their link, and says why when it cannot', () => {
    const r = resolveCitation(
      citation([
        { key: '1', kind: 'numeric', url: 'https://www.sueddeutsche.de/politik/x', refText: 'SZ, 1. Januar', refId: 'ref-1' },
        { key: '2', kind: 'numeric', refText: 'Müller, Buch, 2020', refId: 'ref-2' },
        { key: '3', kind: 'numeric' },
        { key: '4', kind: 'numeric', url: 'https://www.example.ch/a', refText: 'x' },
      ]),
      index,
    );
    expect(r.sources.map((s) => s?.id ?? null)).toEqual(['sueddeutsche', null, null, null]);
    expect(r.unresolved.map((u) => u.reason)).toEqual(['no-reference-link', 'reference-not-found', 'unknown-domain']);
    expect(r.unresolved[2]).toMatchObject({ key: '4', domain: 'example.ch', tldCountry: 'CH' });
    expect(ReportCitationSchema.safeParse(r).success).toBe(true);
  });
});

describe('resolveDomain', () => {
  it('names the publisher of a page', () => {
    expect(resolveDomain('https://www.radioenneperuhr.de/nachrichten/x.html', index)?.name).toBe('Radio Ennepe Ruhr');
    expect(resolveDomain('https://www.example.org/', index)).toBeNull();
  });
});
