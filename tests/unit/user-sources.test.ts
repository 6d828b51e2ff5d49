import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import type { Source } from '../../lib/registry/schema';
import {
  EXPORT_SCHEMA,
  MAX_USER_SOURCES,
  USER_SOURCES_BACKUP_KEY,
  USER_SOURCES_KEY,
  addSource,
  checkSource,
  editSource,
  exportSources,
  formToInput,
  formatProblem,
  jsonErrorLocation,
  loadUserSources,
  migrateUserSources,
  normalizeDomain,
  parseImport,
  ratingValue,
  removeSource,
  saveUserSources,
  sourceToForm,
  splitList,
  suggestId,
  type StorageAreaLike,
} from '../../lib/user-sources';
import { ROOT } from '../fixtures/reports/harness';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'user-sources');
const fixtureText = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const fixture = <T = unknown>(name: string) => JSON.parse(fixtureText(name)) as T;
const area = () => browser.storage.local as unknown as StorageAreaLike;
const stored = async (key = USER_SOURCES_KEY) => (await browser.storage.local.get(key))[key];

function source(over: Partial<Source> = {}): Source {
  const s = checkSource({
    id: 'radio-x',
    name: 'Radio X',
    domains: ['radiox.de'],
    type: 'broadcaster',
    scope: 'local',
    ownership: 'private',
    country: 'DE',
    languages: ['de'],
    ...over,
  });
  if (!s.ok) throw new Error(JSON.stringify(s.problems));
  return s.source;
}

/** The 50-entry export with one entry changed. */
function fiftyWith(index: number, change: (entry: Record<string, unknown>) => void): string {
  const data = fixture<{ sources: Array<Record<string, unknown>> }>('export-50.json');
  change(data.sources[index]);
  return JSON.stringify(data, null, 2);
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('checkSource', () => {
  it('normalises what is certain and credits every fact to "user"', () => {
    const r = checkSource({
      id: ' radio-x ',
      name: ' Radio X ',
      aliases: ['RX', ' RX ', ''],
      domains: ['https://www.RadioX.de/', 'RADIOX.de/News/'],
      type: 'broadcaster',
      scope: 'local',
      ownership: 'private',
      country: 'de',
      languages: ['DE', 'zh-hans'],
      owner: '   ',
      description: 'Local radio.',
      provenance: { name: 'curated', type: 'cred-1' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.source).toEqual({
      id: 'radio-x',
      name: 'Radio X',
      aliases: ['RX'],
      domains: ['radiox.de', 'radiox.de/news'],
      type: 'broadcaster',
      scope: 'local',
      ownership: 'private',
      country: 'DE',
      languages: ['de', 'zh-Hans'],
      description: 'Local radio.',
      ratings: [],
      provenance: {
        name: 'user',
        aliases: 'user',
        domains: 'user',
        type: 'user',
        scope: 'user',
        ownership: 'user',
        country: 'user',
        languages: 'user',
      },
    });
  });

  it('names every problem with its field path', () => {
    const r = checkSource({
      id: 'Radio X',
      name: '',
      domains: ['radiox.de', 'not a domain'],
      type: 'radio',
      scope: 'local',
      country: 'UK',
      languages: [],
      domian: ['x.de'],
      ratings: [{ system: 's', value: 1, dataset: 'user', date: 'yesterday' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.problems.map((p) => [p.field, p.code]));
    expect(byField).toEqual({
      domian: 'unknown-field',
      id: 'format',
      name: 'required',
      'domains[1]': 'format',
      type: 'choice',
      ownership: 'required',
      languages: 'empty',
      'ratings[0].date': 'format',
      country: 'country-unknown',
    });
    expect(r.problems.find((p) => p.field === 'domian')?.params).toEqual({ suggestion: 'domains' });
    expect(r.problems.find((p) => p.field === 'country')?.params).toEqual({ suggestion: 'GB' });
  });

  it('refuses values of the wrong type and entries that are not objects', () => {
    expect(checkSource('radio-x')).toMatchObject({ ok: false, problems: [{ code: 'not-object', field: '' }] });
    expect(checkSource([])).toMatchObject({ ok: false, problems: [{ code: 'not-object' }] });
    const r = checkSource({ ...source(), name: 7, aliases: 'RX' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.field, p.code])).toEqual([
      ['name', 'type'],
      ['aliases', 'type'],
    ]);
  });
});

describe('helpers', () => {
  it('suggests ids from names, in any script, clear of taken ones', () => {
    expect(suggestId('Süddeutsche Zeitung')).toBe('suddeutsche-zeitung');
    expect(suggestId('Straßen & Plätze')).toBe('strassen-platze');
    expect(suggestId('朝日新聞', ['https://www.asahi.com/'])).toBe('asahi');
    expect(suggestId('朝日新聞')).toBe('source');
    expect(suggestId('Radio EN', [], ['radio-en', 'radio-en-2'])).toBe('radio-en-3');
  });

  it('splits lists by line, or by comma on one line', () => {
    expect(splitList('a, b,, a')).toEqual(['a', 'b']);
    expect(splitList('Reuters, Ltd.\nAP')).toEqual(['Reuters, Ltd.', 'AP']);
    expect(splitList('  ')).toEqual([]);
    expect(normalizeDomain('HTTP://WWW.Example.DE:8080/Path//x/?q#h')).toBe('example.de/path/x');
    expect(ratingValue('0.82')).toBe(0.82);
    expect(ratingValue('gr')).toBe('gr');
  });

  it('turns a source into form fields and back', () => {
    const s = source({ aliases: ['Reuters, Ltd.', 'RX'], coverage: ['Witten', 'Hattingen'], owner: 'X GmbH' });
    const form = sourceToForm(s);
    expect(form.aliases).toBe('Reuters, Ltd.\nRX');
    expect(form.coverage).toBe('Witten, Hattingen');
    const back = checkSource(formToInput(form));
    expect(back).toEqual({ ok: true, source: s });
  });

  it('adds, edits and removes, keeping ids and domains unique among the user’s sources', () => {
    const a = source();
    let list = [a];
    const dupId = addSource(list, { ...a, name: 'Other', domains: ['other.de'] });
    expect(dupId).toMatchObject({ ok: false, errors: [{ field: 'id', code: 'duplicate-id' }] });
    const dupDomain = addSource(list, { ...a, id: 'radio-y', domains: ['RadioX.de'] });
    expect(dupDomain).toMatchObject({ ok: false, errors: [{ field: 'domains[0]', code: 'domain-taken', params: { other: 'radio-x' } }] });

    const added = addSource(list, { ...a, id: 'radio-y', name: 'Radio Y', domains: ['radioy.de'] });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    list = added.sources;
    expect(list.map((s) => s.id)).toEqual(['radio-x', 'radio-y']);

    // An edit may keep its own id and domains, or change the id, in place.
    const edited = editSource(list, 'radio-x', { ...a, id: 'radio-x-neu', name: 'Radio X neu' });
    expect(edited.ok).toBe(true);
    if (!edited.ok) return;
    expect(edited.sources.map((s) => s.id)).toEqual(['radio-x-neu', 'radio-y']);
    expect(editSource(list, 'radio-x', { ...a, id: 'radio-y' })).toMatchObject({ ok: false, errors: [{ code: 'duplicate-id' }] });

    expect(removeSource(edited.sources, 'radio-y').map((s) => s.id)).toEqual(['radio-x-neu']);
  });
});

describe('export and import', () => {
  it('round-trips: export → import gives the same sources, and the same text again', () => {
    const text = fixtureText('export-50.json');
    const first = parseImport(text, []);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first).toMatchObject({ added: 50, replaced: 0 });
    expect(exportSources(first.sources)).toBe(text);
    const again = parseImport(exportSources(first.sources), first.sources);
    expect(again).toEqual({ ok: true, sources: first.sources, added: 0, replaced: 50 });
    expect(JSON.parse(exportSources([]))).toEqual({ $schema: EXPORT_SCHEMA, sources: [] });
    expect(parseImport(exportSources([]), [])).toEqual({ ok: true, sources: [], added: 0, replaced: 0 });
  });

  it('adds new ids at the end and replaces existing ones in place', () => {
    const existing = [source({ id: 'a', domains: ['a.de'] }), source({ id: 'b', domains: ['b.de'] })];
    const r = parseImport(
      JSON.stringify([source({ id: 'b', name: 'B new', domains: ['b.de'] }), source({ id: 'c', domains: ['c.de'] })]),
      existing,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sources.map((s) => `${s.id}:${s.name}`)).toEqual(['a:Radio X', 'b:B new', 'c:Radio X']);
    expect(r).toMatchObject({ added: 1, replaced: 1 });
  });

  it('reads a bare list without provenance, a single source, and a version 1 file', () => {
    const bare = parseImport('[{"id":"x","name":"X","type":"blog","scope":"local","ownership":"unknown","country":"FR","languages":["fr"]}]', []);
    expect(bare).toMatchObject({ ok: true, added: 1 });
    const single = parseImport('{"id":"x","name":"X","type":"blog","scope":"local","ownership":"unknown","country":"FR","languages":["fr"]}', []);
    expect(single).toMatchObject({ ok: true, added: 1 });
    const v1 = fixture<{ entries: unknown[] }>('v1-stored.json');
    const old = parseImport(JSON.stringify({ version: 1, entries: v1.entries.slice(0, 4) }), []);
    expect(old.ok).toBe(true);
    if (old.ok) expect(old.sources.map((s) => s.id)).toEqual(['radio-en-lokal', 'westfalenpost-hagen', 'agence-exemple', 'blog-without-domain']);
  });

  it('says where invalid JSON breaks', () => {
    const r = parseImport('{\n  "sources": [\n    { "id": "x", }\n  ]\n}', []);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ entry: null, code: 'json', line: 3, column: 18 });
    expect(formatProblem(r.errors[0])).toMatch(/^not valid JSON at line 3, column 18/);
    expect(parseImport('', [])).toMatchObject({ ok: false, errors: [{ code: 'empty' }] });
    expect(parseImport('[1, 2', [])).toMatchObject({ ok: false, errors: [{ code: 'json' }] });
    // The location comes from scanning the text, the same in every browser …
    expect(jsonErrorLocation('{"a":\n\n\n }', new SyntaxError('Unexpected token'))).toEqual({ line: 4, column: 2 });
    // … and from the parser's message (Gecko's "line L column C", V8's "position P") otherwise.
    expect(jsonErrorLocation('[]', new SyntaxError('JSON.parse: expected property name at line 4 column 2 of the JSON data'))).toEqual({
      line: 4,
      column: 2,
    });
    expect(jsonErrorLocation('[1,\n 2]', new SyntaxError('Unexpected token in JSON at position 5'))).toEqual({ line: 2, column: 2 });
  });

  it('refuses what is not a list of sources', () => {
    const code = (text: string) => {
      const r = parseImport(text, []);
      return r.ok ? 'ok' : r.errors.map((e) => e.code).join(',');
    };
    expect(code('"sources"')).toBe('shape');
    expect(code('42')).toBe('shape');
    expect(code('null')).toBe('shape');
    expect(code('{"hello":"world"}')).toBe('shape');
    expect(code('{"sources":{"id":"x"}}')).toBe('shape');
    expect(code('{"$schema":"something/else","sources":[]}')).toBe('shape');
    expect(code('{"$schema":"sourcelens.user-sources/3","sources":[]}')).toBe('newer');
    expect(code('{"version":9,"sources":[]}')).toBe('newer');
    expect(code('{"schema":"sourcelens.registry/1","version":"x","datasets":[],"sources":[]}')).toBe('registry-file');
    expect(code(JSON.stringify(Array.from({ length: MAX_USER_SOURCES + 1 }, () => ({}))))).toBe('too-many');
  });

  it('refuses the whole import for one bad entry among 50, naming its index, id and field', () => {
    const text = fiftyWith(37, (e) => {
      e.domains = ['bunte.de', 'https://www.bunte.de/ promi'];
    });
    const r = parseImport(text, []);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({ entry: 37, id: 'my-bunte', field: 'domains[1]', code: 'format' }),
    ]);
    expect(formatProblem(r.errors[0])).toBe(
      'sources[37] ("my-bunte").domains[1]: should be a lowercase domain such as "example.de" or "example.com/section", without scheme or "www."',
    );
  });

  it('names every bad entry, not just the first', () => {
    const data = fixture<{ sources: Array<Record<string, unknown>> }>('export-50.json');
    data.sources[3].country = 'Germany';
    delete data.sources[12].type;
    data.sources[40] = 'not a source' as never;
    data.sources[49].languages = ['deutsch!'];
    const r = parseImport(JSON.stringify(data), []);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.entry, e.field, e.code])).toEqual([
      [3, 'country', 'format'],
      [12, 'type', 'required'],
      [40, '', 'not-object'],
      [49, 'languages[0]', 'format'],
    ]);
    expect(r.errors[0].id).toBe(data.sources[3].id);
  });

  it('refuses duplicate ids and domains claimed twice', () => {
    const data = fixture<{ sources: Array<Record<string, unknown>> }>('export-50.json');
    data.sources[20].id = data.sources[5].id;
    data.sources[30].domains = [...(data.sources[30].domains as string[]), (data.sources[10].domains as string[])[0]];
    const r = parseImport(JSON.stringify(data), []);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.entry, e.field, e.code, e.params?.other])).toEqual([
      [20, 'id', 'duplicate-id', 5],
      [30, `domains[${(data.sources[30].domains as string[]).length - 1}]`, 'domain-taken', 10],
    ]);
    // A domain one of the user's sources already has (and which the import does not replace)
    const existing = [source({ id: 'mine', domains: ['bunte.de'] })];
    const clash = parseImport(fixtureText('export-50.json'), existing);
    expect(clash).toMatchObject({ ok: false, errors: [{ entry: 37, code: 'domain-taken', params: { other: 'mine' } }] });
  });
});

describe('stored value and migration', () => {
  it('migrates version 1 without losing a readable entry, and says what it changed', () => {
    const raw = fixture('v1-stored.json');
    const m = migrateUserSources(raw);
    expect(m.migrated).toBe(true);
    expect(m.data.version).toBe(2);
    expect(m.data.sources.map((s) => s.id)).toEqual([
      'radio-en-lokal',
      'westfalenpost-hagen',
      'agence-exemple',
      'blog-without-domain',
    ]);
    const [radio, wp, agence, blog] = m.data.sources;
    expect(radio).toMatchObject({
      domains: ['radioenneperuhr.de'],
      type: 'broadcaster',
      country: 'DE',
      languages: ['de'],
      owner: 'Radio Ennepe-Ruhr Betriebsgesellschaft',
      description: 'Local radio for the Ennepe-Ruhr district.',
    });
    expect(radio.provenance).toMatchObject({ name: 'user', domains: 'user', owner: 'user' });
    expect(wp).toMatchObject({ domains: ['wp.de/staedte/hagen'], ownership: 'unknown' });
    expect(agence).toMatchObject({ type: 'news-agency', languages: ['fr', 'en'] });
    expect(blog).toMatchObject({ type: 'online-news', domains: [] });
    expect(m.problems.join('\n')).toMatch(/entry 1: id "Westfalenpost Hagen" is now "westfalenpost-hagen"/);
    expect(m.problems.join('\n')).toMatch(/entry 4 \("half-typed"\) could not be read: type is required; scope is required/);
    // Already current: nothing to do.
    expect(migrateUserSources(m.data)).toEqual({ data: m.data, migrated: false, problems: [] });
  });

  it('keeps a v1 value across an update: read → migrate → same entries, original kept as backup', async () => {
    const raw = fixture('v1-stored.json');
    await browser.storage.local.set({ [USER_SOURCES_KEY]: raw });
    const loaded = await loadUserSources(area());
    expect(loaded.migrated).toBe(true);
    expect(loaded.sources).toHaveLength(4);
    expect(await stored()).toEqual({ version: 2, sources: loaded.sources });
    expect(await stored(USER_SOURCES_BACKUP_KEY)).toMatchObject({ reason: 'migration', value: raw });
    // Reading again changes nothing.
    const again = await loadUserSources(area());
    expect(again).toEqual({ sources: loaded.sources, problems: [], migrated: false });
    // A later save never replaces the first backup.
    await saveUserSources(area(), loaded.sources.slice(0, 1));
    expect(await stored(USER_SOURCES_BACKUP_KEY)).toMatchObject({ value: raw });
  });

  it('does not rewrite a value from a newer SourceLens, and backs up a damaged one before overwriting it', async () => {
    const newer = { version: 3, sources: [source()], somethingNew: true };
    await browser.storage.local.set({ [USER_SOURCES_KEY]: newer });
    const loaded = await loadUserSources(area());
    expect(loaded.sources.map((s) => s.id)).toEqual(['radio-x']);
    expect(loaded.problems[0]).toMatch(/newer SourceLens/);
    expect(await stored()).toEqual(newer);

    fakeBrowser.reset();
    const damaged = { version: 2, sources: [source(), { id: 'broken' }] };
    await browser.storage.local.set({ [USER_SOURCES_KEY]: damaged });
    expect((await loadUserSources(area())).problems).toHaveLength(1);
    await saveUserSources(area(), [source({ id: 'other', domains: ['other.de'] })]);
    expect(await stored(USER_SOURCES_BACKUP_KEY)).toMatchObject({ reason: 'overwrite', value: damaged });
  });

  it('never stores an invalid source', async () => {
    await expect(saveUserSources(area(), [{ ...source(), country: 'Deutschland' }])).rejects.toThrow(/radio-x/);
    expect(await stored()).toBeUndefined();
  });

  it('leaves stored data unchanged when an import is refused', async () => {
    const before = { version: 2, sources: [source({ id: 'keep-me', domains: ['keep.de'] })] };
    await browser.storage.local.set({ [USER_SOURCES_KEY]: before });
    const importText = async (text: string) => {
      const { sources } = await loadUserSources(area());
      const r = parseImport(text, sources);
      if (r.ok) await saveUserSources(area(), r.sources);
      return r.ok;
    };
    const bad = [
      '{ not json',
      '"a string"',
      '{"wrong":"shape"}',
      fiftyWith(37, (e) => {
        e.country = 'XX';
      }),
      fiftyWith(10, (e) => {
        e.id = 'my-bunte';
      }),
    ];
    for (const text of bad) {
      expect(await importText(text)).toBe(false);
      expect(await stored()).toEqual(before);
    }
    expect(await importText(fixtureText('export-50.json'))).toBe(true);
    expect(((await stored()) as { sources: Source[] }).sources).toHaveLength(51);
  });
});
