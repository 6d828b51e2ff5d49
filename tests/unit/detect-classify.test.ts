import { describe, expect, it } from 'vitest';
import { classifyMarker, matchCredit, type MarkerClass } from '../../lib/detect/index';
import { scanBrackets } from '../../lib/detect/scan';

interface Found extends MarkerClass {
  marker: string;
}

/** Classify every bracket in `text` as the detector would (no DOM: not in <sup>, not linked). */
function all(text: string, opts: { inSup?: boolean; linked?: boolean } = {}): Found[] {
  const out: Found[] = [];
  scanBrackets(text, (open, close, start, end) => {
    const cls = classifyMarker(text.slice(start + 1, end - 1), {
      before: text.slice(Math.max(0, start - 200), start),
      after: text.slice(end, end + 200),
      inSup: opts.inSup ?? false,
      linked: opts.linked,
      open,
      close,
    });
    if (cls) out.push({ marker: text.slice(start, end), ...cls });
  });
  return out;
}

/** The single citation in `text`, or null when there is none. */
function one(text: string, opts?: { inSup?: boolean; linked?: boolean }): Found | null {
  const found = all(text, opts);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0] ?? null;
}

const keys = (c: Found | null): string[] => c?.parts.map((p) => p.key) ?? [];

describe('classifyMarker: domains and URLs', () => {
  it('finds a domain after a French sentence', () => {
    const c = one("Des contrôles à l'exportation de terres rares et d'aimants.[radioenneperuhr.de]");
    expect(c).toMatchObject({ kind: 'domain', key: 'radioenneperuhr.de', parts: [{ key: 'radioenneperuhr.de', kind: 'domain' }] });
  });
  it('keeps www. and lowercases, in German text', () => {
    const c = one('Die Bundesregierung hat das bestätigt [www.Tagesschau.de].');
    expect(c).toMatchObject({ kind: 'domain', key: 'www.tagesschau.de', parts: [{ key: 'www.tagesschau.de' }] });
  });
  it('drops trailing dots from the part key', () => {
    expect(one('Das steht dort.[spiegel.de.]')?.parts[0].key).toBe('spiegel.de');
  });
  it('takes a domain anywhere in the sentence', () => {
    expect(one('Laut [tagesschau.de] ist das so.')?.kind).toBe('domain');
  });
  it('finds URLs', () => {
    const c = one('The report says so.[https://example.org/x?a=1&b=2]');
    expect(c).toMatchObject({ kind: 'url', key: 'https://example.org/x?a=1&b=2', parts: [{ kind: 'url', url: 'https://example.org/x?a=1&b=2' }] });
  });
  it('reads a domain with a path as a URL', () => {
    expect(one('Mehr dazu hier.[example.org/x]')?.parts[0]).toEqual({ key: 'example.org/x', kind: 'url', url: 'https://example.org/x' });
  });
  it('rejects file names, arXiv categories and unknown TLDs', () => {
    expect(one('See the attachment [report.pdf].')).toBeNull();
    expect(one('Siehe Bild.[image.png]')).toBeNull();
    expect(one('Preprint. arXiv:1706.02582 [cs.LG]')).toBeNull();
    expect(one('Das ist so.[foo.bar]')).toBeNull();
  });
});

describe('classifyMarker: names and abbreviations', () => {
  it('finds agency names after sentence-final punctuation (en, de, fr)', () => {
    expect(one('The minister resigned on Monday.[Reuters]')).toMatchObject({ kind: 'name', key: 'Reuters', parts: [{ key: 'Reuters', kind: 'name' }] });
    expect(one('Die Regierung bestätigte das am Montag.[dpa]')?.key).toBe('dpa');
    expect(one('Le ministre a démissionné lundi. [Agence France-Presse]')?.key).toBe('Agence France-Presse');
  });
  it('finds a name that closes the clause before punctuation', () => {
    expect(one('Die Regierung bestätigte das [Deutsche Presse-Agentur].')?.key).toBe('Deutsche Presse-Agentur');
    expect(one('Das Kabinett tagte [Reuters], dann kam die Opposition.')?.key).toBe('Reuters');
  });
  it('finds names at the end of a paragraph of running text', () => {
    expect(one('Die Regierung hat das am Montag bestätigt [Reuters]')?.key).toBe('Reuters');
  });
  it('finds Japanese and Chinese names in full-width and lenticular brackets', () => {
    expect(one('政府は新しい方針を発表した。［共同通信］')).toMatchObject({ kind: 'name', key: '共同通信' });
    expect(one('東京で地震があった。【NHK】')).toMatchObject({ kind: 'name', key: 'NHK' });
    expect(one('会议于周一举行。[新华社]')?.key).toBe('新华社');
  });
  it('accepts short capital abbreviations before a capitalised word', () => {
    expect(one('Das sagte ein Sprecher am Montag [AFP] Die Opposition widersprach.')?.key).toBe('AFP');
  });
  it('accepts any name in a <sup>', () => {
    expect(one('Die Firma [Reuters] wurde', { inSup: true })?.key).toBe('Reuters');
  });
});

describe('classifyMarker: labels', () => {
  const cases: Array<[string, string, string, string[]]> = [
    ['Die Zahlen stiegen. [Quelle: dpa]', 'Quelle', 'dpa', ['dpa']],
    ['Die Zahlen stiegen. [Quellen: dpa, AFP]', 'Quellen', 'dpa, AFP', ['dpa', 'AFP']],
    ['Prices rose. [Source: AP]', 'Source', 'AP', ['AP']],
    ['Prices rose. [Sources: Reuters; Bloomberg]', 'Sources', 'Reuters; Bloomberg', ['Reuters', 'Bloomberg']],
    ['Prices rose [via Reuters].', 'via', 'Reuters', ['Reuters']],
    ['Les prix ont augmenté. [Source : AFP]', 'Source', 'AFP', ['AFP']],
    ['Los precios subieron. [Fuente: EFE]', 'Fuente', 'EFE', ['EFE']],
    ['I prezzi sono saliti. [Fonte: ANSA]', 'Fonte', 'ANSA', ['ANSA']],
    ['De prijzen stegen. [Bron: ANP]', 'Bron', 'ANP', ['ANP']],
    ['物価が上昇した。[出典：共同通信]', '出典', '共同通信', ['共同通信']],
    ['物价上涨。[来源：新华社]', '来源', '新华社', ['新华社']],
    ['Die Zahlen stiegen. [Quelle: tagesschau.de]', 'Quelle', 'tagesschau.de', ['tagesschau.de']],
  ];
  for (const [text, label, key, parts] of cases) {
    it(`reads "${text}"`, () => {
      const c = one(text);
      expect(c?.label).toBe(label);
      expect(c?.key).toBe(key);
      expect(keys(c)).toEqual(parts);
    });
  }
  it('takes a labelled source at the start of a block', () => {
    expect(one('[Quelle: dpa]')?.key).toBe('dpa');
  });
});

describe('classifyMarker: several sources in one bracket', () => {
  const cases: Array<[string, string[]]> = [
    ['Das Treffen endete ohne Ergebnis.[dpa/AFP]', ['dpa', 'AFP']],
    ['The talks ended. [Reuters, AP]', ['Reuters', 'AP']],
    ['Das Treffen endete.[dpa; AFP]', ['dpa', 'AFP']],
    ['Das Treffen endete.[AFP und dpa]', ['AFP', 'dpa']],
    ['The talks ended.[Reuters and AP]', ['Reuters', 'AP']],
    ['Les discussions ont pris fin.[AFP et Reuters]', ['AFP', 'Reuters']],
    ['Das Treffen endete.[dpa/lnw]', ['dpa']],
    ['会談は終了した。［共同通信、時事通信］', ['共同通信', '時事通信']],
  ];
  for (const [text, parts] of cases) {
    it(`splits "${text}"`, () => {
      const c = one(text);
      expect(c?.kind).toBe('name');
      expect(keys(c)).toEqual(parts);
    });
  }
  it('keeps the key as written', () => {
    expect(one('Das Treffen endete.[dpa/AFP]')?.key).toBe('dpa/AFP');
  });
  it('takes the kind of the first part', () => {
    expect(one('Das Treffen endete.[tagesschau.de/dpa]')?.kind).toBe('url');
    expect(one('Das Treffen endete.[dpa, tagesschau.de]')?.kind).toBe('name');
  });
});

describe('classifyMarker: numeric references', () => {
  it('reads single numbers, lists and ranges', () => {
    expect(one('The claim is disputed.[1]')).toMatchObject({ kind: 'numeric', key: '1', parts: [{ key: '1', kind: 'numeric' }] });
    expect(keys(one('The claim is disputed.[2, 3]'))).toEqual(['2', '3']);
    expect(one('The claim is disputed.[2, 3]')?.key).toBe('2, 3');
    expect(keys(one('The claim is disputed.[4–6]'))).toEqual(['4', '5', '6']);
    expect(keys(one('The claim is disputed.[4-6]'))).toEqual(['4', '5', '6']);
    expect(keys(one('The claim is disputed.[1; 4–5, 9]'))).toEqual(['1', '4', '5', '9']);
    expect(keys(one('Die Behauptung ist umstritten.［１］'))).toEqual(['1']);
  });
  it('caps range expansion at 50 parts', () => {
    expect(one('Claim.[1-500]')?.parts).toHaveLength(50);
  });
  it('finds adjacent markers', () => {
    expect(all('The claim is disputed.[1][2]').map((c) => c.marker)).toEqual(['[1]', '[2]']);
    expect(all('Das Treffen endete.[dpa][AFP]').map((c) => c.key)).toEqual(['dpa', 'AFP']);
    expect(all('Das Treffen endete. [dpa] [AFP]').map((c) => c.key)).toEqual(['dpa', 'AFP']);
  });
  it('takes years and large numbers only in <sup> or linked', () => {
    expect(one('Das war so.[2019]')).toBeNull();
    expect(one('Das war so.[1500]')).toBeNull();
    expect(one('Das war so.[2019]', { inSup: true })?.key).toBe('2019');
    expect(one('Das war so.[1200]', { linked: true })?.key).toBe('1200');
  });
  it('takes Wikipedia note labels only when linked', () => {
    expect(one('English[n 1]', { inSup: true, linked: true })).toMatchObject({ kind: 'numeric', key: 'n 1', parts: [{ key: 'n 1' }] });
    expect(one('Value.[a]', { inSup: true, linked: true })?.key).toBe('a');
    expect(one('English.[n 1]')).toBeNull();
    expect(one('Value.[a]', { inSup: true })).toBeNull();
  });
  it('accepts a reference glued to a word only in <sup> or linked', () => {
    expect(one('learning[4] and more', { inSup: true, linked: true })?.key).toBe('4');
    expect(one('learning[4] and more')).toBeNull();
  });
  it("rejects a reference list's own labels", () => {
    expect(one('[1] Smith, J. (2009). Title.')).toBeNull();
    expect(one('[1] Smith, J. (2009). Title.', { linked: true })).toBeNull();
  });
});

describe('classifyMarker: not citations', () => {
  const decoys = [
    'He wrote it [sic] in 1990.',
    'Sie schrieb: „Das ist gut.“ [sic!]',
    'The earth is flat.[citation needed]',
    'History[edit]',
    'Geschichte[Bearbeiten | Quelltext bearbeiten]',
    'Histoire[modifier | modifier le code]',
    'Historia[editar]',
    'Histoire[modifier]',
    'It happened.[when?]',
    'Some say so.[who?]',
    'The term is vague.[clarification needed]',
    'Das gilt weiter.[update]',
    'Er sagte, dass […] es so sei.',
    'He said that [...] it was.',
    'Liste: [ ] offen',
    'Aufgabe erledigt [x]',
    'Aufgabe erledigt [X]',
    'Aufgabe erledigt [✓]',
    'He said [the company] would grow.',
    'Il a dit que [la société] allait croître.',
    'Yesterday. [He] said it would rain.',
    'Salt [and] pepper.',
    'Die Firma [Siemens] hat das bestätigt.',
    'Laut [Reuters] Angaben ist das so.',
    'Im Video ab [12:34] zu sehen.',
    'Im Video ab [00:01:23] zu sehen.',
    'Stand: [2024-01-01].',
    'Beginn um [10:00 AM].',
    'Veröffentlicht [06月24日 11時30分]',
    'Zugriff am 20 May 2014. [1 October 1998]',
    'const x = a[0];',
    'for (const v of items[i]) {}',
    'return foo[2].bar;',
    'x[1] = 3',
    'Das erste Element ist [0].',
    'Matrix m[0][1] lesen',
    'See [the docs](https://example.org).',
    'Siehe [[Hauptseite]] dazu.',
    'Text [siehe [1] oben] hier.',
    `Das ist so.[${'A'.repeat(121)}]`,
    'Das ist so.[Tagesschau berichtet heute ausführlich über das Thema]',
    '[AFP] Die Regierung hat beschlossen.',
    '【速報】東京で地震',
    '【関連記事】',
    'Siehe Abbildung.[Fig. 1]',
    'Xbox Game Pass Ultimate: 3 Month Membership [Digital Code]',
    '[Docs] [txt|pdf] [Nits]',
    'Das Video.[Video]',
    '政府は発表した。［注］',
    '彼は［その会社が］成長すると述べた。',
    '【動画】東京で大雨',
    '動画は［12:34］から始まる。',
    'ライフハッカー［日本版］',
    'Il a écrit [sic] en 1990.',
    'Elle a dit : « [Elle] viendra demain. »',
  ];
  for (const text of decoys) {
    it(`ignores ${JSON.stringify(text.length > 60 ? text.slice(0, 60) + '…' : text)}`, () => {
      expect(all(text)).toEqual([]);
    });
  }
  it('rejects brackets of different kinds and empty content', () => {
    const ctx = { before: 'Satz.', after: '', inSup: false };
    expect(classifyMarker('dpa', { ...ctx, open: '[', close: '】' })).toBeNull();
    expect(classifyMarker('', { ...ctx, open: '[', close: ']' })).toBeNull();
    expect(classifyMarker('   ', { ...ctx, open: '[', close: ']' })).toBeNull();
    expect(classifyMarker('dpa', { ...ctx, open: '[', close: ']' })?.key).toBe('dpa');
  });
});

describe('matchCredit', () => {
  const credits: Array<[string, string, string[]]> = [
    ['Berlin (dpa) – Die Bundesregierung hat beschlossen.', '(dpa)', ['dpa']],
    ['Paris (AFP) - Le gouvernement a annoncé lundi.', '(AFP)', ['AFP']],
    ['WASHINGTON (AP) — The Senate voted on Tuesday.', '(AP)', ['AP']],
    ['Tokio (dpa/AFP) – Japan hat gewählt.', '(dpa/AFP)', ['dpa', 'AFP']],
    ['Frankfurt am Main (Reuters): Die Börse schloss.', '(Reuters)', ['Reuters']],
    ['  Hamburg (dpa/lno) – Im Hafen brannte es.', '(dpa/lno)', ['dpa']],
    ['Rio de Janeiro (AFP) – O governo anunciou.', '(AFP)', ['AFP']],
  ];
  for (const [text, marker, parts] of credits) {
    it(`reads "${text.slice(0, 30)}…"`, () => {
      const m = matchCredit(text);
      expect(m).not.toBeNull();
      expect(text.slice(m!.start, m!.end)).toBe(marker);
      expect(m!.parts.map((p) => p.key)).toEqual(parts);
      expect(m!.parts.every((p) => p.kind === 'name')).toBe(true);
    });
  }
  const decoys = [
    'Friedrich Merz (CDU) – Der Kanzler sprach.',
    'Friedrich Merz (CDU): Wir müssen handeln.',
    'Die Firma (Siemens) – ein Konzern.',
    'Berlin (dpa) sagte am Montag.',
    'in Berlin (dpa) – kleingeschrieben',
    'Am 3. Mai (dpa) – mit Zahl',
    'Eins Zwei Drei Vier Fünf (dpa) – zu viele Orte',
    'Berlin (' + 'dpa/'.repeat(30) + 'dpa) – zu lang',
  ];
  for (const text of decoys) {
    it(`ignores "${text.slice(0, 40)}"`, () => {
      expect(matchCredit(text)).toBeNull();
    });
  }
});
