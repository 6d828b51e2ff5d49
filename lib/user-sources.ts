/**
 * The user's own sources: their stored format, its migrations, import and export, and the
 * checks every change goes through. Pure (no `browser.*`): storage is passed in as a
 * `StorageAreaLike`, so the background, the options page and the tests share this code.
 *
 * ## Storage (storage.local, key `sourcelens:user-sources`)
 *
 * Version 2 (current):
 *
 *     { "version": 2, "sources": Source[] }
 *
 * Every entry is a complete `Source` (lib/registry/schema.ts) whose facts are credited to the
 * dataset "user" (`USER_DATASET`); ratings keep the dataset they name. A user source replaces
 * the bundled source with the same id and takes over its domains (lib/registry/index.ts).
 *
 * Version 1 (the 0.1 development builds; still read, never written):
 *
 *     { "version": 1, "entries": [ {
 *         "id": "radio-en", "name": "Radio EN",
 *         "domain": "https://www.radioenneperuhr.de/",   // one domain, as typed (scheme, www.)
 *         "aliases": ["Radio Ennepe Ruhr"],               // optional
 *         "type": "radio",        // SourceType, or the old words agency | tv | radio | website
 *         "scope": "local", "ownership": "private",       // ownership optional
 *         "country": "de",        // any case
 *         "language": "de",       // one tag, or several separated by commas
 *         "owner": "…", "note": "…"                       // optional; note became `description`
 *     } ] }
 *
 * `migrateUserSources` turns any stored value into version 2. It never drops an entry it can
 * read: values are repaired where the repair is certain (scheme and "www." stripped, case
 * fixed, old type words mapped, a clashing id given a suffix), and each repair or unreadable
 * entry is named in `problems`. Before a value that did not read cleanly is overwritten,
 * `saveUserSources` copies it verbatim to `sourcelens:user-sources:backup` (once: an existing
 * backup is never replaced), so even what could not be read is kept.
 *
 * ## Import and export
 *
 * `exportSources` writes `{ "$schema": "sourcelens.user-sources/2", "sources": [...] }`.
 * `parseImport` reads that, a bare array of sources, the stored shape (version 1 or 2), or a
 * single source object; `provenance` may be left out (it is always set to "user"). An import
 * is all or nothing: any bad entry refuses the whole file, naming every problem by entry
 * index, id, field path and message, and nothing stored changes.
 *
 * ## Validation
 *
 * `UserSourceSchema` is the zod/mini twin of `SourceSchema` (the classic zod API would add
 * ~100 kB and an eval probe to the options page). They cannot drift silently: the compile-time
 * checks below tie its constants and output type to schema.ts, and
 * tests/unit/user-sources-schema.test.ts runs both over the same fixtures and the whole
 * bundled registry. On top of the schema, `checkSource` requires an assigned ISO 3166-1
 * country code (or XK) and language tags that `Intl.getCanonicalLocales` accepts.
 */
import * as z from 'zod/mini';
import type { FactKey, Ownership, Rating, Scope, Source, SourceInput, SourceType } from './registry/schema';

export const USER_SOURCES_KEY = 'sourcelens:user-sources';
/** Where a stored value that did not read cleanly is kept before it is first overwritten. */
export const USER_SOURCES_BACKUP_KEY = 'sourcelens:user-sources:backup';
export const USER_SOURCES_VERSION = 2;
/** The marker of an exported file. */
export const EXPORT_SCHEMA = 'sourcelens.user-sources/2';
/** The dataset id user facts are credited to (the same as USER_DATASET in lib/registry/index.ts). */
export const USER_DATASET = 'user';
/** At most this many user sources (storage.local has a quota; the index is rebuilt on change). */
export const MAX_USER_SOURCES = 5000;

export interface StoredUserSources {
  version: typeof USER_SOURCES_VERSION;
  sources: Source[];
}

// ---------------------------------------------------------------------------------------------
// The schema (zod/mini twin of SourceSchema)
// ---------------------------------------------------------------------------------------------

/** Same values, same order as SOURCE_TYPES in schema.ts (checked below and by tests). */
export const USER_SOURCE_TYPES = [
  'news-agency',
  'broadcaster',
  'newspaper',
  'magazine',
  'online-news',
  'government',
  'international-org',
  'academic',
  'reference',
  'blog',
  'social-media',
  'press-release',
  'advocacy',
  'company',
  'satire',
  'content-farm',
  'other',
] as const;
export const USER_SCOPES = ['local', 'regional', 'national', 'international'] as const;
export const USER_OWNERSHIPS = ['public-service', 'state', 'private', 'nonprofit', 'unknown'] as const;
export const USER_FACT_KEYS = [
  'name',
  'aliases',
  'domains',
  'type',
  'scope',
  'ownership',
  'country',
  'languages',
  'owner',
  'parent',
  'coverage',
] as const;

/** Exact type identity (not mere mutual assignability, which ignores optional fields). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Identity of plain object types, compared field by field. */
type SameFields<A, B> = Same<{ [K in keyof A]: A[K] }, { [K in keyof B]: B[K] }>;
// Compile-time: the value sets equal schema.ts's (the order is checked by the tests).
const sameTypes: Same<(typeof USER_SOURCE_TYPES)[number], SourceType> = true;
const sameScopes: Same<(typeof USER_SCOPES)[number], Scope> = true;
const sameOwnerships: Same<(typeof USER_OWNERSHIPS)[number], Ownership> = true;
const sameFacts: Same<(typeof USER_FACT_KEYS)[number], FactKey> = true;
void [sameTypes, sameScopes, sameOwnerships, sameFacts];

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** DomainSchema's pattern. */
const DOMAIN =
  /^(?!www\.)[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?(?:\.[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?)+(?:\/[^\s?#]+)?$/;
const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const nonEmpty = () => z.string().check(z.minLength(1));
const isoDate = () => z.string().check(z.regex(ISO_DATE, 'a date as YYYY, YYYY-MM or YYYY-MM-DD'));

export const UserRatingSchema = z.object({
  system: nonEmpty(),
  value: z.union([z.string(), z.number()]),
  dataset: nonEmpty(),
  date: isoDate(),
});

const sourceShape = {
  id: z.string().check(z.regex(SLUG, 'a lowercase slug such as "radio-ennepe-ruhr"')),
  name: nonEmpty(),
  aliases: z._default(z.array(nonEmpty()), []),
  domains: z._default(
    z.array(
      z
        .string()
        .check(z.regex(DOMAIN, 'a lowercase domain such as "example.de" or "example.com/section", without scheme or "www."')),
    ),
    [],
  ),
  type: z.enum(USER_SOURCE_TYPES),
  scope: z.enum(USER_SCOPES),
  ownership: z.enum(USER_OWNERSHIPS),
  country: z.string().check(z.regex(COUNTRY, 'an ISO 3166-1 alpha-2 code such as "DE"')),
  languages: z
    .array(z.string().check(z.regex(LANGUAGE, 'a BCP 47 tag such as "de" or "zh-Hans"')))
    .check(z.minLength(1)),
  owner: z.optional(nonEmpty()),
  parent: z.optional(z.string()),
  coverage: z.optional(z.array(nonEmpty())),
  description: z.optional(z.string()),
  ratings: z._default(z.array(UserRatingSchema), []),
  provenance: z.partialRecord(z.enum(USER_FACT_KEYS), nonEmpty()),
};

/** SourceSchema in zod/mini: the same input accepted, the same output. */
export const UserSourceSchema = z.object(sourceShape);
/** What an import or the form may give: SourceSchema with `provenance` optional. */
export const UserSourceInputSchema = z.object({ ...sourceShape, provenance: z.optional(sourceShape.provenance) });

const sameOutput: SameFields<z.output<typeof UserSourceSchema>, Source> = true;
const sameInput: SameFields<z.input<typeof UserSourceSchema>, SourceInput> = true;
const sameRating: SameFields<z.output<typeof UserRatingSchema>, Rating> = true;
void [sameOutput, sameInput, sameRating];

/** The fields a source may have, in the order they are written. */
export const SOURCE_FIELDS = [
  'id',
  'name',
  'aliases',
  'domains',
  'type',
  'scope',
  'ownership',
  'country',
  'languages',
  'owner',
  'parent',
  'coverage',
  'description',
  'ratings',
  'provenance',
] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number];

/** Assigned ISO 3166-1 alpha-2 codes, plus XK (Kosovo, in common use). */
const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK'
  ).split(' '),
);

/** Whether `code` is an assigned ISO 3166-1 alpha-2 country code (or XK). */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

// ---------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------

/**
 * What can be wrong, for the UI to word (components/options/errors.ts); `message` is English.
 * - json: not JSON (`line`/`column` when the parser says where)
 * - shape: the top level is not a list of sources
 * - newer: written by a newer SourceLens (`params.version`)
 * - registry-file: a whole registry, not the user's sources
 * - too-many: more than MAX_USER_SOURCES sources (`params.max`)
 * - not-object: an entry is not an object
 * - unknown-field: a field no source has (`params.suggestion` when one is close)
 * - required: a field is missing
 * - type: wrong JSON type (`params.expected`)
 * - empty: an empty text or an empty list where one is needed
 * - format: a text in the wrong form (which form follows from the field)
 * - choice: not one of the allowed values (`params.values`)
 * - country-unknown: well-formed but not an assigned country code (`params.suggestion`)
 * - language-invalid: not a valid BCP 47 tag
 * - duplicate-id: the id is used by another entry (`params.other`: its index or id)
 * - domain-taken: another source of the user's already claims the domain (`params.other`)
 */
export type ProblemCode =
  | 'json'
  | 'shape'
  | 'newer'
  | 'registry-file'
  | 'too-many'
  | 'not-object'
  | 'unknown-field'
  | 'required'
  | 'type'
  | 'empty'
  | 'format'
  | 'choice'
  | 'country-unknown'
  | 'language-invalid'
  | 'duplicate-id'
  | 'domain-taken';

export interface SourceProblem {
  /** Index of the entry in the imported list, or null for the file as a whole. */
  entry: number | null;
  /** The entry's id, when it has a string one. */
  id?: string;
  /** Path of the field: "domains[2]", "ratings[0].date"; "" for the entry or file itself. */
  field: string;
  code: ProblemCode;
  /** In English; the UI words `code` and `params` in the user's language. */
  message: string;
  params?: Record<string, string | number>;
  /** For `json`: where the parser stopped, from 1. */
  line?: number;
  column?: number;
}

/** The top-level field of a path: "domains[2]" → "domains". */
export function topField(path: string): string {
  return path.split(/[.[]/)[0] ?? '';
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

type Issue = z.core.$ZodIssue;

function issueProblem(issue: Issue, input: unknown): Omit<SourceProblem, 'entry' | 'id'> {
  const field = pathText(issue.path);
  const value = valueAt(input, issue.path);
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) {
    return { field, code: 'required', message: 'is required' };
  }
  // An empty text where a value is needed (a cleared form field) is missing, not malformed.
  if (value === '' && (issue.code === 'invalid_format' || issue.code === 'too_small' || issue.code === 'invalid_value')) {
    return { field, code: 'required', message: 'is required' };
  }
  switch (issue.code) {
    case 'invalid_type':
      return {
        field,
        code: 'type',
        message: `should be ${article(issue.expected)}, not ${typeName(value)}`,
        params: { expected: issue.expected },
      };
    case 'too_small':
      return {
        field,
        code: 'empty',
        message: issue.origin === 'array' ? 'needs at least one entry' : 'must not be empty',
      };
    case 'invalid_format':
      return { field, code: 'format', message: `should be ${issue.message}` };
    case 'invalid_value':
      return {
        field,
        code: 'choice',
        message: `should be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        params: { values: issue.values.map(String).join(', ') },
      };
    case 'invalid_union':
      return {
        field,
        code: 'type',
        message: `should be a string or a number, not ${typeName(value)}`,
        params: { expected: 'string | number' },
      };
    case 'invalid_key':
      return { field, code: 'unknown-field', message: 'is not a fact of a source', params: {} };
    default:
      return { field, code: 'format', message: issue.message || 'is not valid' };
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a text';
  return `a ${typeof value}`;
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'an object';
  if (expected === 'string') return 'a text';
  return `a ${expected}`;
}

function problemText(p: Pick<SourceProblem, 'entry' | 'id' | 'field' | 'message'>): string {
  const where = p.entry === null ? '' : `sources[${p.entry}]${p.id ? ` ("${p.id}")` : ''}`;
  const field = p.field ? (where ? `.${p.field}` : p.field) : '';
  const head = `${where}${field}`;
  return head ? `${head}: ${p.message}` : p.message;
}

/** One line per problem: `sources[37] ("taz").domains[0]: should be a lowercase domain …`. */
export function formatProblem(p: SourceProblem): string {
  const at = p.line !== undefined ? ` (line ${p.line}, column ${p.column ?? 1})` : '';
  return `${problemText(p)}${at}`;
}

// ---------------------------------------------------------------------------------------------
// Normalising and checking one source
// ---------------------------------------------------------------------------------------------

/** "https://www.Example.DE/News/?x=1" → "example.de/news". Other text is returned trimmed. */
export function normalizeDomain(input: string): string {
  let s = input.trim();
  if (!s) return s;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^\/\//, '');
  const q = s.search(/[?#]/);
  if (q >= 0) s = s.slice(0, q);
  s = s.replace(/\/+$/, '');
  const slash = s.indexOf('/');
  let host = slash >= 0 ? s.slice(0, slash) : s;
  const path = slash >= 0 ? s.slice(slash) : '';
  host = host.replace(/:\d*$/, '').replace(/\.+$/, '').toLowerCase();
  while (/^www\d{0,3}\./.test(host) && host.replace(/^www\d{0,3}\./, '').includes('.')) {
    host = host.replace(/^www\d{0,3}\./, '');
  }
  return host + path.toLowerCase().replace(/\/{2,}/g, '/');
}

/** "DE-at" → "de-AT", "zh-hans" → "zh-Hans"; an invalid tag is returned trimmed. */
export function normalizeLanguage(input: string): string {
  const s = input.trim().replace(/_/g, '-');
  if (!s) return s;
  try {
    return Intl.getCanonicalLocales(s)[0] ?? s;
  } catch {
    return s;
  }
}

function uniqueStrings(list: string[]): string[] {
  return [...new Set(list.filter((s) => s !== ''))];
}

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const trimList = (v: unknown, each: (s: string) => string = (s) => s.trim()) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') ? uniqueStrings((v as string[]).map(each)) : v;

/**
 * Fixes what can be fixed without guessing: trims texts, lowercases and strips scheme and
 * "www." from domains, uppercases the country, canonicalises language tags, drops empty and
 * repeated list items and empty optional texts. Values of the wrong type are left for the
 * schema to name.
 */
export function normalizeSourceInput(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const key of ['id', 'name', 'type', 'scope', 'ownership'] as const) {
    if (key in out) out[key] = trimmed(out[key]);
  }
  for (const key of ['owner', 'parent', 'description'] as const) {
    if (typeof out[key] === 'string') {
      const v = (out[key] as string).trim();
      if (v) out[key] = v;
      else delete out[key];
    }
  }
  if (typeof out.country === 'string') out.country = out.country.trim().toUpperCase();
  if ('aliases' in out) out.aliases = trimList(out.aliases);
  if ('coverage' in out) out.coverage = trimList(out.coverage);
  if ('domains' in out) out.domains = trimList(out.domains, normalizeDomain);
  if ('languages' in out) out.languages = trimList(out.languages, normalizeLanguage);
  return out;
}

/** The facts a source has a value for, each credited to "user". */
export function userProvenance(s: Omit<Source, 'provenance'>): Source['provenance'] {
  const provenance: Source['provenance'] = {};
  for (const fact of USER_FACT_KEYS) {
    const v = (s as Record<string, unknown>)[fact];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    provenance[fact] = USER_DATASET;
  }
  return provenance;
}

/** The source with fields in schema order, no undefined values, and user provenance. */
function finish(s: z.output<typeof UserSourceInputSchema>): Source {
  const out: Record<string, unknown> = {};
  for (const key of SOURCE_FIELDS) {
    const v = (s as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  if (Array.isArray(out.coverage) && out.coverage.length === 0) delete out.coverage;
  out.provenance = userProvenance(out as Omit<Source, 'provenance'>);
  return out as Source;
}

function closestField(key: string): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const f of SOURCE_FIELDS) {
    const d = editDistance(k, f);
    if (d < bestScore) {
      bestScore = d;
      best = f;
    }
  }
  return bestScore <= Math.max(2, Math.floor(key.length / 2)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

type CheckResult = { ok: true; source: Source } | { ok: false; problems: Array<Omit<SourceProblem, 'entry' | 'id'>> };

/**
 * Checks one entry on its own (no comparison with others): unknown fields, the schema, an
 * assigned country code, valid language tags. Returns the finished source (normalised,
 * provenance "user") or every problem found.
 */
export function checkSource(raw: unknown): CheckResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: '', code: 'not-object', message: `should be an object, not ${typeName(raw)}` }] };
  }
  const problems: Array<Omit<SourceProblem, 'entry' | 'id'>> = [];
  const known = new Set<string>(SOURCE_FIELDS);
  for (const key of Object.keys(raw)) {
    if (known.has(key) || key.startsWith('$')) continue;
    const suggestion = closestField(key);
    problems.push({
      field: key,
      code: 'unknown-field',
      message: suggestion ? `is not a field of a source (did you mean "${suggestion}"?)` : 'is not a field of a source',
      params: suggestion ? { suggestion } : {},
    });
  }
  const input = normalizeSourceInput(
    Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('$'))) as Record<string, unknown>,
  );
  const parsed = UserSourceInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(issueProblem(issue, input));
  }
  // Checks beyond the schema, on values that passed it.
  if (typeof input.country === 'string' && COUNTRY.test(input.country) && !isCountryCode(input.country)) {
    const suggestion = input.country === 'UK' ? 'GB' : undefined;
    problems.push({
      field: 'country',
      code: 'country-unknown',
      message: `"${input.country}" is not an ISO 3166-1 country code${suggestion ? ` (the United Kingdom is "GB")` : ''}`,
      params: suggestion ? { suggestion } : {},
    });
  }
  if (Array.isArray(input.languages)) {
    input.languages.forEach((tag, i) => {
      if (typeof tag !== 'string' || !LANGUAGE.test(tag)) return;
      try {
        Intl.getCanonicalLocales(tag);
      } catch {
        problems.push({ field: `languages[${i}]`, code: 'language-invalid', message: `"${tag}" is not a valid language tag` });
      }
    });
  }
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, source: finish(parsed.data) };
}

// ---------------------------------------------------------------------------------------------
// Changing the list: add, edit, remove
// ---------------------------------------------------------------------------------------------

export type ChangeResult = { ok: true; sources: Source[]; source: Source } | { ok: false; errors: SourceProblem[] };

function idOf(raw: unknown): string | undefined {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.trim() ? id.trim() : undefined;
}

/** Domains of `source` that another of `others` already claims. */
function domainClashes(source: Source, others: readonly Source[]): SourceProblem[] {
  const owner = new Map<string, string>();
  for (const o of others) for (const d of o.domains) owner.set(d, o.id);
  const out: SourceProblem[] = [];
  source.domains.forEach((d, i) => {
    const other = owner.get(d);
    if (other !== undefined) {
      out.push({
        entry: null,
        id: source.id,
        field: `domains[${i}]`,
        code: 'domain-taken',
        message: `"${d}" is already a domain of your source "${other}"`,
        params: { domain: d, other },
      });
    }
  });
  return out;
}

/**
 * Adds a source (`replaceId` unset) or replaces the source with id `replaceId` (an edit,
 * which may change the id). The new or changed source must not take an id or a domain that
 * another of the user's sources has.
 */
export function upsertSource(existing: readonly Source[], raw: unknown, replaceId?: string): ChangeResult {
  const checked = checkSource(raw);
  const id = idOf(raw);
  if (!checked.ok) return { ok: false, errors: checked.problems.map((p) => ({ ...p, entry: null, id })) };
  const source = checked.source;
  const others = existing.filter((s) => s.id !== replaceId);
  const errors: SourceProblem[] = [];
  if (others.some((s) => s.id === source.id)) {
    errors.push({
      entry: null,
      id: source.id,
      field: 'id',
      code: 'duplicate-id',
      message: `another of your sources has the id "${source.id}"`,
      params: { other: source.id },
    });
  }
  errors.push(...domainClashes(source, others));
  if (errors.length) return { ok: false, errors };
  if (replaceId === undefined && existing.length >= MAX_USER_SOURCES) {
    return {
      ok: false,
      errors: [{ entry: null, field: '', code: 'too-many', message: `at most ${MAX_USER_SOURCES} sources`, params: { max: MAX_USER_SOURCES } }],
    };
  }
  const at = replaceId === undefined ? -1 : existing.findIndex((s) => s.id === replaceId);
  const sources = [...existing];
  if (at >= 0) sources[at] = source;
  else sources.push(source);
  return { ok: true, sources, source };
}

export function addSource(existing: readonly Source[], raw: unknown): ChangeResult {
  return upsertSource(existing, raw);
}

export function editSource(existing: readonly Source[], id: string, raw: unknown): ChangeResult {
  return upsertSource(existing, raw, id);
}

export function removeSource(existing: readonly Source[], id: string): Source[] {
  return existing.filter((s) => s.id !== id);
}

/**
 * An id for a new source from its name: "Süddeutsche Zeitung" → "suddeutsche-zeitung"; a
 * name without Latin letters falls back to the first domain's label, then to "source". A
 * suffix ("-2") keeps it clear of `taken`.
 */
export function suggestId(name: string, domains: readonly string[] = [], taken: Iterable<string> = []): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/ß/g, 'ss')
      .replace(/æ/gi, 'ae')
      .replace(/ø/gi, 'o')
      .replace(/œ/gi, 'oe')
      .replace(/[łŁ]/g, 'l')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
  let base = slug(name);
  if (!base && domains[0]) base = slug(normalizeDomain(domains[0]).split('/')[0].replace(/\.[^.]+$/, ''));
  if (!base) base = 'source';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

// ---------------------------------------------------------------------------------------------
// The form: text fields ↔ a source
// ---------------------------------------------------------------------------------------------

/** The options form's fields, all text (lists one per line or comma-separated). */
export interface SourceFormValues {
  id: string;
  name: string;
  aliases: string;
  domains: string;
  type: string;
  scope: string;
  ownership: string;
  country: string;
  languages: string;
  owner: string;
  parent: string;
  coverage: string;
  description: string;
  ratings: Rating[];
}

export const EMPTY_FORM: SourceFormValues = {
  id: '',
  name: '',
  aliases: '',
  domains: '',
  type: '',
  scope: '',
  ownership: '',
  country: '',
  languages: '',
  owner: '',
  parent: '',
  coverage: '',
  description: '',
  ratings: [],
};

/**
 * A list typed in a text field: one item per line; a text without line breaks may also be
 * separated by commas (so "a, b" and "a⏎b" are both two items, and "Wetter (Ruhr)" one).
 */
export function splitList(text: string): string[] {
  const parts = /[\r\n]/.test(text) ? text.split(/\r?\n|\r/) : text.split(/[,;]/);
  return uniqueStrings(parts.map((p) => p.trim()));
}

/** Like splitList, but a name may contain commas ("Reuters, Ltd."): only lines split it when there are several. */
function joinList(items: readonly string[] | undefined): string {
  if (!items?.length) return '';
  return items.some((s) => /[,;]/.test(s)) ? items.join('\n') : items.join(', ');
}

export function sourceToForm(s: Source): SourceFormValues {
  return {
    id: s.id,
    name: s.name,
    aliases: joinList(s.aliases),
    domains: joinList(s.domains),
    type: s.type,
    scope: s.scope,
    ownership: s.ownership,
    country: s.country,
    languages: joinList(s.languages),
    owner: s.owner ?? '',
    parent: s.parent ?? '',
    coverage: joinList(s.coverage),
    description: s.description ?? '',
    ratings: s.ratings.map((r) => ({ ...r })),
  };
}

/** The form as a source input for `addSource`/`editSource` (empty optional fields left out). */
export function formToInput(f: SourceFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: f.id,
    name: f.name,
    aliases: splitList(f.aliases),
    domains: splitList(f.domains),
    type: f.type || undefined,
    scope: f.scope || undefined,
    ownership: f.ownership || undefined,
    country: f.country,
    languages: splitList(f.languages),
    ratings: f.ratings,
  };
  if (f.owner.trim()) out.owner = f.owner;
  if (f.parent.trim()) out.parent = f.parent;
  const coverage = splitList(f.coverage);
  if (coverage.length) out.coverage = coverage;
  if (f.description.trim()) out.description = f.description;
  return out;
}

/** A rating value typed in the form: a number when it reads as one ("0.82"), else the text. */
export function ratingValue(text: string): string | number {
  const s = text.trim();
  return /^-?\d+(?:\.\d+)?$/.test(s) ? Number(s) : s;
}

// ---------------------------------------------------------------------------------------------
// Import and export
// ---------------------------------------------------------------------------------------------

export type ImportResult =
  | { ok: true; sources: Source[]; added: number; replaced: number }
  | { ok: false; errors: SourceProblem[] };

/**
 * Where JSON.parse stopped, as line and column (from 1). The browsers word their errors
 * differently (V8 often names no position at all), so the text is scanned here with the JSON
 * grammar; the error's own "line L column C" or "position P" is the fallback.
 */
export function jsonErrorLocation(text: string, error: unknown): { line: number; column: number } | null {
  let offset = jsonErrorOffset(text);
  if (offset === null) {
    const message = error instanceof Error ? error.message : String(error);
    const lc = /line (\d+) column (\d+)/i.exec(message);
    if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
    const pos = /position (\d+)/i.exec(message);
    offset = pos ? Number(pos[1]) : /unexpected end/i.test(message) ? text.length : null;
  }
  if (offset === null) return null;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** The offset of the first JSON syntax error in `text`, or null when it is valid (or too deep to scan). */
export function jsonErrorOffset(text: string): number | null {
  const n = text.length;
  let i = 0;
  class Stop {
    constructor(readonly at: number) {}
  }
  const fail = (): never => {
    throw new Stop(i);
  };
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const HEX4 = /[0-9a-fA-F]{4}/y;
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else if (e === 'u') {
          i++;
          HEX4.lastIndex = i;
          if (!HEX4.test(text)) fail();
          i += 4;
        } else fail();
      } else if (c < 0x20) fail();
      else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail();
      i = NUMBER.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail();
  };
  try {
    value();
    ws();
    if (i < n) fail();
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.at;
    return null; // nested too deeply for the stack: leave it to the parser's message
  }
}

function fail(code: ProblemCode, message: string, extra: Partial<SourceProblem> = {}): ImportResult {
  return { ok: false, errors: [{ entry: null, field: '', code, message, ...extra }] };
}

/**
 * Reads an import (see the top of this file for the shapes) and merges it into `existing`:
 * an entry with the id of an existing source replaces it in place, others are added at the
 * end. All or nothing: any problem refuses the whole import, and every problem is named.
 */
export function parseImport(text: string, existing: readonly Source[]): ImportResult {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return fail('empty', 'the text is empty');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const at = jsonErrorLocation(body, error);
    const detail = error instanceof Error ? error.message : String(error);
    return fail('json', `not valid JSON${at ? ` at line ${at.line}, column ${at.column}` : ''}: ${detail}`, at ?? {});
  }

  let entries: unknown[];
  let v1 = false;
  if (Array.isArray(data)) {
    entries = data;
  } else if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    const marker = typeof o.$schema === 'string' ? o.$schema : typeof o.schema === 'string' ? o.schema : undefined;
    const newer = marker ? /^sourcelens\.user-sources\/(\d+)$/.exec(marker) : null;
    if (marker?.startsWith('sourcelens.registry/') || marker?.startsWith('sourcelens.ratings/')) {
      return fail('registry-file', 'this is a SourceLens registry file, not a list of your sources');
    }
    if (newer && Number(newer[1]) > USER_SOURCES_VERSION) {
      return fail('newer', `written by a newer SourceLens (format ${newer[1]}); update SourceLens to import it`, {
        params: { version: Number(newer[1]) },
      });
    }
    if (marker && !newer) return fail('shape', `unknown format "${marker}"`, { params: { marker } });
    if (typeof o.version === 'number' && o.version > USER_SOURCES_VERSION) {
      return fail('newer', `written by a newer SourceLens (version ${o.version}); update SourceLens to import it`, {
        params: { version: o.version },
      });
    }
    if (o.version === 1 && Array.isArray(o.entries)) {
      entries = o.entries;
      v1 = true;
    } else if (Array.isArray(o.sources)) {
      entries = o.sources;
    } else if ('sources' in o || 'entries' in o) {
      return fail('shape', '"sources" should be a list of sources', { field: 'sources' });
    } else if (typeof o.id === 'string' || typeof o.name === 'string') {
      entries = [o];
    } else {
      return fail('shape', 'expected a list of sources, or an object with a "sources" list');
    }
  } else {
    return fail('shape', `expected a list of sources, not ${typeName(data)}`);
  }

  if (entries.length > MAX_USER_SOURCES) {
    return fail('too-many', `${entries.length} sources; at most ${MAX_USER_SOURCES} can be kept`, {
      params: { max: MAX_USER_SOURCES, count: entries.length },
    });
  }

  const errors: SourceProblem[] = [];
  const accepted: Array<{ index: number; source: Source }> = [];
  entries.forEach((raw, index) => {
    const id = idOf(raw);
    const input = v1 ? fromV1(raw).value : raw;
    const checked = checkSource(input);
    if (!checked.ok) {
      for (const p of checked.problems) errors.push({ ...p, entry: index, id });
      return;
    }
    accepted.push({ index, source: checked.source });
  });

  // Across entries: ids and domains must be unique among the result.
  const firstWithId = new Map<string, number>();
  const domainOwner = new Map<string, { index: number; id: string }>();
  const importedIds = new Set(accepted.map((a) => a.source.id));
  for (const s of existing) {
    if (importedIds.has(s.id)) continue; // replaced
    for (const d of s.domains) domainOwner.set(d, { index: -1, id: s.id });
  }
  for (const { index, source } of accepted) {
    const first = firstWithId.get(source.id);
    if (first !== undefined) {
      errors.push({
        entry: index,
        id: source.id,
        field: 'id',
        code: 'duplicate-id',
        message: `the id "${source.id}" is also used by sources[${first}]`,
        params: { other: first },
      });
      continue;
    }
    firstWithId.set(source.id, index);
    source.domains.forEach((d, i) => {
      const owner = domainOwner.get(d);
      if (owner && owner.id !== source.id) {
        const other = owner.index >= 0 ? `sources[${owner.index}]` : `your source "${owner.id}"`;
        errors.push({
          entry: index,
          id: source.id,
          field: `domains[${i}]`,
          code: 'domain-taken',
          message: `"${d}" is also a domain of ${other}`,
          params: { domain: d, other: owner.index >= 0 ? owner.index : owner.id },
        });
      } else {
        domainOwner.set(d, { index, id: source.id });
      }
    });
  }

  if (errors.length) {
    errors.sort((a, b) => (a.entry ?? -1) - (b.entry ?? -1));
    return { ok: false, errors };
  }

  const merged = [...existing];
  const position = new Map(existing.map((s, i) => [s.id, i]));
  let added = 0;
  let replaced = 0;
  for (const { source } of accepted) {
    const at = position.get(source.id);
    if (at !== undefined) {
      merged[at] = source;
      replaced++;
    } else {
      merged.push(source);
      added++;
    }
  }
  if (merged.length > MAX_USER_SOURCES) {
    return fail('too-many', `${merged.length} sources in all; at most ${MAX_USER_SOURCES} can be kept`, {
      params: { max: MAX_USER_SOURCES, count: merged.length },
    });
  }
  return { ok: true, sources: merged, added, replaced };
}

/** A file the user can keep, share and import again (pretty JSON, fields in schema order). */
export function exportSources(sources: readonly Source[]): string {
  const ordered = sources.map((s) => {
    const out: Record<string, unknown> = {};
    for (const key of SOURCE_FIELDS) {
      const v = (s as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = v;
    }
    return out;
  });
  return `${JSON.stringify({ $schema: EXPORT_SCHEMA, sources: ordered }, null, 2)}\n`;
}

/** The export's file name: "sourcelens-sources-2026-11-27.json". */
export function exportFileName(date: Date = new Date()): string {
  const d = date.toISOString().slice(0, 10);
  return `sourcelens-sources-${d}.json`;
}

// ---------------------------------------------------------------------------------------------
// Stored value: migration
// ---------------------------------------------------------------------------------------------

const V1_TYPES: Record<string, SourceType> = {
  agency: 'news-agency',
  tv: 'broadcaster',
  radio: 'broadcaster',
  website: 'online-news',
};

/**
 * A version 1 entry in version 2 form (not yet checked). `notes` says what was changed;
 * nothing readable is dropped.
 */
export function fromV1(raw: unknown): { value: unknown; notes: string[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { value: raw, notes: [] };
  const e = { ...(raw as Record<string, unknown>) };
  const notes: string[] = [];
  if (typeof e.domain === 'string' || 'domain' in e) {
    const d = e.domain;
    delete e.domain;
    if (typeof d === 'string' && d.trim()) {
      const n = normalizeDomain(d);
      if (n !== d) notes.push(`domain "${d}" written as "${n}"`);
      e.domains = uniqueStrings([n, ...(Array.isArray(e.domains) ? (e.domains as string[]) : [])]);
    } else if (!('domains' in e)) {
      e.domains = [];
    }
  }
  if ('language' in e) {
    const l = e.language;
    delete e.language;
    if (typeof l === 'string') e.languages = splitList(l).map(normalizeLanguage);
    else e.languages = l;
  }
  if ('note' in e) {
    const n = e.note;
    delete e.note;
    if (typeof n === 'string' && n.trim() && e.description === undefined) e.description = n;
  }
  if (typeof e.type === 'string' && V1_TYPES[e.type.trim().toLowerCase()]) {
    const t = V1_TYPES[e.type.trim().toLowerCase()];
    notes.push(`type "${e.type}" is now "${t}"`);
    e.type = t;
  }
  if (e.ownership === undefined) e.ownership = 'unknown';
  if (typeof e.id === 'string' && !SLUG.test(e.id.trim())) {
    const id = suggestId(e.id, []);
    notes.push(`id "${e.id}" is now "${id}"`);
    e.id = id;
  }
  return { value: e, notes };
}

export interface MigrationResult {
  data: StoredUserSources;
  /** The value was of an older version and `data` is it converted (write it back). */
  migrated: boolean;
  /** Repairs made and entries that could not be read, in English. */
  problems: string[];
}

/**
 * Any stored value → version 2. Unreadable entries are left out of `data` and named in
 * `problems` (`saveUserSources` keeps the original value as a backup before overwriting).
 */
export function migrateUserSources(raw: unknown): MigrationResult {
  const empty: StoredUserSources = { version: USER_SOURCES_VERSION, sources: [] };
  if (raw === undefined || raw === null) return { data: empty, migrated: false, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { data: empty, migrated: false, problems: [`the stored value is ${typeName(raw)}, not an object`] };
  }
  const o = raw as Record<string, unknown>;
  const problems: string[] = [];
  let entries: unknown[];
  let migrated = false;
  let convert: (e: unknown) => { value: unknown; notes: string[] } = (e) => ({ value: e, notes: [] });
  if (o.version === 1) {
    migrated = true;
    entries = Array.isArray(o.entries) ? o.entries : [];
    if (!Array.isArray(o.entries)) problems.push('version 1 value without an "entries" list');
    convert = fromV1;
  } else if (o.version === USER_SOURCES_VERSION) {
    entries = Array.isArray(o.sources) ? o.sources : [];
    if (!Array.isArray(o.sources)) problems.push('version 2 value without a "sources" list');
  } else if (typeof o.version === 'number' && o.version > USER_SOURCES_VERSION) {
    // Written by a newer SourceLens: read what this version understands, never write back.
    entries = Array.isArray(o.sources) ? o.sources : [];
    problems.push(`stored by a newer SourceLens (version ${o.version}); read as version ${USER_SOURCES_VERSION}`);
  } else {
    return { data: empty, migrated: false, problems: [`unknown stored version ${JSON.stringify(o.version)}`] };
  }

  const sources: Source[] = [];
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    const { value, notes } = convert(entry);
    for (const note of notes) problems.push(`entry ${index}: ${note}`);
    const checked = checkSource(value);
    if (!checked.ok) {
      const id = idOf(value);
      problems.push(
        `entry ${index}${id ? ` ("${id}")` : ''} could not be read: ${checked.problems
          .map((p) => (p.field ? `${p.field} ${p.message}` : p.message))
          .join('; ')}`,
      );
      return;
    }
    let source = checked.source;
    if (ids.has(source.id)) {
      const id = suggestId(source.id, [], ids);
      problems.push(`entry ${index}: id "${source.id}" was used twice; this one is now "${id}"`);
      source = { ...source, id };
    }
    ids.add(source.id);
    sources.push(source);
  });
  return { data: { version: USER_SOURCES_VERSION, sources }, migrated, problems };
}

// ---------------------------------------------------------------------------------------------
// Stored value: reading and writing (storage passed in)
// ---------------------------------------------------------------------------------------------

/** The part of `browser.storage.local` used here. */
export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface LoadedUserSources {
  sources: Source[];
  problems: string[];
  /** The stored value was migrated and written back. */
  migrated: boolean;
}

/** The stored value does not read cleanly as version 2 (so it is backed up before it is overwritten). */
function needsBackup(raw: unknown): boolean {
  if (raw === undefined || raw === null) return false;
  const m = migrateUserSources(raw);
  if (m.migrated || m.problems.length) return true;
  return (raw as StoredUserSources).sources?.length !== m.data.sources.length;
}

/**
 * Reads the user's sources, migrating an older value (and writing it back, the original kept
 * as a backup). A value from a newer SourceLens is read but never rewritten.
 */
export async function loadUserSources(area: StorageAreaLike): Promise<LoadedUserSources> {
  const raw = (await area.get(USER_SOURCES_KEY))?.[USER_SOURCES_KEY];
  const m = migrateUserSources(raw);
  if (m.migrated) {
    await backup(area, raw, 'migration');
    await area.set({ [USER_SOURCES_KEY]: m.data });
  }
  return { sources: m.data.sources, problems: m.problems, migrated: m.migrated };
}

/**
 * Stores the user's sources (each checked again: a bad one throws, nothing is written). The
 * value it replaces is backed up first if it did not read cleanly.
 */
export async function saveUserSources(area: StorageAreaLike, sources: readonly Source[]): Promise<void> {
  const clean: Source[] = [];
  for (const s of sources) {
    const checked = checkSource(s);
    if (!checked.ok) throw new Error(`Refusing to store "${s.id}": ${checked.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    clean.push(checked.source);
  }
  const raw = (await area.get(USER_SOURCES_KEY))?.[USER_SOURCES_KEY];
  if (needsBackup(raw)) await backup(area, raw, 'overwrite');
  const value: StoredUserSources = { version: USER_SOURCES_VERSION, sources: clean };
  await area.set({ [USER_SOURCES_KEY]: value });
}

async function backup(area: StorageAreaLike, raw: unknown, reason: string): Promise<void> {
  const existing = (await area.get(USER_SOURCES_BACKUP_KEY))?.[USER_SOURCES_BACKUP_KEY];
  if (existing !== undefined && existing !== null) return;
  await area.set({ [USER_SOURCES_BACKUP_KEY]: { savedAt: new Date().toISOString(), reason, value: raw } });
}
