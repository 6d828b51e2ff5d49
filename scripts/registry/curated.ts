/**
 * Reads registry/curated/*.json. Every file must parse and validate with CuratedFileSchema;
 * the first problems found fail the build with messages naming the file, the entry (index and
 * id) and the field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CuratedFileSchema, FACT_KEYS, type Source } from '../../lib/registry/schema';
import { siteKey } from './claims';
import { DS } from './rules';

export interface CuratedEntry {
  source: Source;
  file: string;
  index: number;
  /** Site keys of the entry's domains, in order. */
  keys: string[];
}

export interface CuratedRead {
  entries: CuratedEntry[];
  /** Newest `date` of the files, or null when there are none. */
  date: string | null;
  files: string[];
}

export class CuratedError extends Error {
  constructor(readonly problems: string[]) {
    super(`curated sources are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CuratedError';
  }
}

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

/** Where a JSON syntax error is, and which entry it is in (the last "id" before it). */
function describeJsonError(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(msg) ?? /at (\d+)/.exec(msg);
  let pos = m ? Number(m[1]) : -1;
  if (pos < 0) {
    const lc = /line (\d+) column (\d+)/.exec(msg);
    if (lc) {
      const lines = text.split('\n');
      pos = lines.slice(0, Number(lc[1]) - 1).reduce((n, l) => n + l.length + 1, 0) + Number(lc[2]) - 1;
    }
  }
  if (pos < 0) return `invalid JSON: ${msg}`;
  const ids = [...text.slice(0, pos).matchAll(/"id"\s*:\s*"([^"]*)"/g)];
  const entries = text.slice(0, pos).split(/"sources"\s*:\s*\[/)[1];
  const near = ids.length > 0 ? `, in or after the entry with id "${ids[ids.length - 1][1]}"` : entries === undefined ? ', before "sources"' : '';
  return `invalid JSON at ${lineCol(text, pos)}${near}: ${msg}`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

/**
 * Reads and validates the curated files. `knownDatasets` are the ids a curated fact may name
 * as its provenance besides "curated".
 */
export function readCurated(dir: string, knownDatasets: ReadonlySet<string>, root = process.cwd()): CuratedRead {
  if (!existsSync(dir)) return { entries: [], date: null, files: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const problems: string[] = [];
  const entries: CuratedEntry[] = [];
  let date: string | null = null;
  for (const f of files) {
    const path = join(dir, f);
    const name = relative(root, path) || path;
    const text = readFileSync(path, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      problems.push(`${name}: ${describeJsonError(text, err)}`);
      continue;
    }
    const parsed = CuratedFileSchema.safeParse(raw);
    if (!parsed.success) {
      const rawSources = (raw as { sources?: unknown })?.sources;
      for (const issue of parsed.error.issues) {
        const [top, index, ...rest] = issue.path;
        if (top === 'sources' && typeof index === 'number') {
          const entry = Array.isArray(rawSources) ? (rawSources[index] as { id?: unknown } | undefined) : undefined;
          const id = typeof entry?.id === 'string' ? ` (id "${entry.id}")` : '';
          const field = rest.length > 0 ? `field "${fieldPath(rest)}"` : 'the entry';
          problems.push(`${name}: sources[${index}]${id}, ${field}: ${issue.message}`);
        } else {
          problems.push(`${name}: field "${fieldPath(issue.path) || '(file)'}": ${issue.message}`);
        }
      }
      continue;
    }
    const file = parsed.data;
    if (!date || file.date > date) date = file.date;
    file.sources.forEach((s, index) => {
      const where = `${name}: sources[${index}] (id "${s.id}")`;
      const provenance: Source['provenance'] = {};
      for (const fact of FACT_KEYS) {
        const v = s[fact];
        if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
        const from = s.provenance?.[fact] ?? DS.curated;
        if (from !== DS.curated && !knownDatasets.has(from)) {
          problems.push(`${where}, field "provenance.${fact}": unknown dataset "${from}" (known: curated, ${[...knownDatasets].sort().join(', ')})`);
        }
        provenance[fact] = from;
      }
      for (const [fact, from] of Object.entries(s.provenance ?? {})) {
        if (!(fact in provenance)) problems.push(`${where}, field "provenance.${fact}": names a dataset for a fact the entry does not have`);
        void from;
      }
      s.ratings.forEach((r, ri) => {
        if (r.dataset !== DS.curated && !knownDatasets.has(r.dataset)) {
          problems.push(`${where}, field "ratings[${ri}].dataset": unknown dataset "${r.dataset}"`);
        }
      });
      const keys: string[] = [];
      s.domains.forEach((d, di) => {
        const key = siteKey(d, { allowPublicSuffix: true });
        if (!key) problems.push(`${where}, field "domains[${di}]": "${d}" is not a site`);
        else keys.push(key);
      });
      const { ref: _ref, provenance: _p, ...rest } = s;
      const source: Source = { ...rest, provenance };
      entries.push({ source, file: name, index, keys });
    });
  }
  // Ids and domains must be unique across all files.
  const ids = new Map<string, CuratedEntry>();
  const domains = new Map<string, CuratedEntry>();
  for (const e of entries) {
    const other = ids.get(e.source.id);
    if (other) problems.push(`${e.file}: sources[${e.index}] (id "${e.source.id}"), field "id": also used by ${other.file}: sources[${other.index}]`);
    else ids.set(e.source.id, e);
    e.keys.forEach((k, di) => {
      const o = domains.get(k);
      if (o && o !== e) {
        problems.push(`${e.file}: sources[${e.index}] (id "${e.source.id}"), field "domains[${di}]": "${k}" is also a domain of ${o.file}: sources[${o.index}] (id "${o.source.id}")`);
      } else domains.set(k, e);
    });
  }
  if (problems.length > 0) throw new CuratedError(problems);
  return { entries, date, files: files.map((f) => relative(root, join(dir, f)) || f) };
}
