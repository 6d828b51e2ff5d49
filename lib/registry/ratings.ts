/**
 * Rating systems the registry carries, and the ratings file for domains the registry has no
 * source entry for (`lib/registry/generated/ratings.json`).
 *
 * A rating's `value` is what the system says, unchanged except where noted:
 * - `wikipedia-perennial`: the status on English Wikipedia's "Reliable sources/Perennial sources"
 *   list: gr (generally reliable), nc (no consensus), gu (generally unreliable), d (deprecated),
 *   b (blacklisted), m (several entries with different statuses, e.g. by topic or period).
 * - `cred-1`: CRED-1's category (fake, conspiracy, unreliable, satire, mixed, reliable).
 * - `cred-1-score`: CRED-1's composite credibility score, 0..1 (higher is more credible).
 * - `lin-2023`: Lin et al. (2023) aggregate quality `pc1`, 0..1, rounded to 2 decimals.
 * - `cite-unseen`: Cite Unseen's category of the domain (advocacy, tabloids, predatory, …).
 */
import type { Dataset, Rating } from './schema';

export const RATING_SYSTEMS = {
  'wikipedia-perennial': 'Wikipedia perennial sources status',
  'cred-1': 'CRED-1 category',
  'cred-1-score': 'CRED-1 credibility score (0–1)',
  'lin-2023': 'Lin et al. 2023 domain quality (0–1)',
  'cite-unseen': 'Cite Unseen category',
} as const;
export type RatingSystem = keyof typeof RATING_SYSTEMS;

/** What a Wikipedia perennial-sources status code stands for. */
export const PERENNIAL_STATUS: Record<string, string> = {
  gr: 'generally reliable',
  nc: 'no consensus',
  gu: 'generally unreliable',
  d: 'deprecated',
  b: 'blacklisted',
  m: 'varies (several entries)',
};

export const RATINGS_SCHEMA = 'sourcelens.ratings/1';

/** A rating in the ratings file: [system, value, dataset id]; its date is the dataset's. */
export type RatingTuple = [system: string, value: string | number, dataset: string];

export interface RatingsFile {
  schema: typeof RATINGS_SCHEMA;
  /** The registry version built together with this file. */
  version: string;
  /** Domain (lowercase, no "www.", optionally with a path) → its ratings. */
  ratings: Record<string, RatingTuple[]>;
}

/** A map from domain to ratings, for the index. */
export type RatingsMap = ReadonlyMap<string, Rating[]>;

/** Expands a ratings file into full ratings, dated by the datasets table. */
export function expandRatingsFile(file: RatingsFile, datasets: readonly Dataset[]): Map<string, Rating[]> {
  if (file.schema !== RATINGS_SCHEMA) throw new Error(`ratings file: expected schema ${RATINGS_SCHEMA}, got ${String(file.schema)}`);
  const dates = new Map(datasets.map((d) => [d.id, d.date]));
  const out = new Map<string, Rating[]>();
  for (const [domain, tuples] of Object.entries(file.ratings)) {
    out.set(
      domain,
      tuples.map(([system, value, dataset]) => ({ system, value, dataset, date: dates.get(dataset) ?? '' })),
    );
  }
  return out;
}
