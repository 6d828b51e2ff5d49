/**
 * The source registry's schema: the single definition of what SourceLens knows about a source.
 *
 * Used by the registry build (every generated entry is validated), the unit tests, the command
 * line and the options page (user sources). The content script never imports this module: it
 * pulls in zod.
 */
import { z } from 'zod';

export const SOURCE_TYPES = [
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
export type SourceType = (typeof SOURCE_TYPES)[number];

export const SCOPES = ['local', 'regional', 'national', 'international'] as const;
export type Scope = (typeof SCOPES)[number];

export const OWNERSHIPS = ['public-service', 'state', 'private', 'nonprofit', 'unknown'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** The facts of a source whose origin is recorded in `provenance`. */
export const FACT_KEYS = [
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
export type FactKey = (typeof FACT_KEYS)[number];

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');

/** A dataset that facts come from. `curated` is SourceLens's own hand-checked data. */
export const DatasetSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lowercase id'),
  title: z.string().min(1),
  licence: z.string().min(1),
  date: isoDate,
  url: z.string().optional(),
  attribution: z.string().min(1),
  shareAlike: z.boolean().optional(),
});
export type Dataset = z.infer<typeof DatasetSchema>;

/**
 * A registrable domain ("tagesschau.de", "bbc.co.uk") or a domain with a path prefix
 * ("theguardian.com/commentisfree"). Lowercase, no scheme, no "www.".
 */
export const DomainSchema = z
  .string()
  .regex(
    /^(?!www\.)[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?(?:\.[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?)+(?:\/[^\s?#]+)?$/,
    'a lowercase domain such as "example.de" or "example.com/section", without scheme or "www."',
  );

export const RatingSchema = z.object({
  /** Which rating system: see RATING_SYSTEMS. */
  system: z.string().min(1),
  /** The value exactly as the system states it ("gr", "unreliable", 0.82). */
  value: z.union([z.string(), z.number()]),
  /** Dataset id (from the registry's datasets table) the rating was taken from. */
  dataset: z.string().min(1),
  /** When the rating was made or the dataset was taken. */
  date: isoDate,
});
export type Rating = z.infer<typeof RatingSchema>;

export const SourceSchema = z.object({
  /** Stable slug, e.g. "radio-ennepe-ruhr". */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lowercase slug such as "radio-ennepe-ruhr"'),
  name: z.string().min(1),
  /** Other names, abbreviations and spellings, in any language and script. */
  aliases: z.array(z.string().min(1)).default([]),
  domains: z.array(DomainSchema).default([]),
  type: z.enum(SOURCE_TYPES),
  scope: z.enum(SCOPES),
  ownership: z.enum(OWNERSHIPS),
  /** ISO 3166-1 alpha-2; for international organisations the country of the headquarters. */
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as "DE"'),
  /** BCP 47 language tags of what the source publishes. */
  languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag such as "de" or "zh-Hans"')).min(1),
  /** Company, body or person that owns it, in words. */
  owner: z.string().min(1).optional(),
  /** Id of a parent source in this registry (a station's network, a paper's group). */
  parent: z.string().optional(),
  /** Place names of the area a local or regional source covers, as they appear in articles. */
  coverage: z.array(z.string().min(1)).optional(),
  /** One sentence in our own words. */
  description: z.string().optional(),
  ratings: z.array(RatingSchema).default([]),
  /** For each fact present: the id of the dataset it comes from ("curated" for our own). */
  provenance: z.partialRecord(z.enum(FACT_KEYS), z.string().min(1)),
});
export type Source = z.infer<typeof SourceSchema>;
export type SourceInput = z.input<typeof SourceSchema>;

export const REGISTRY_SCHEMA = 'sourcelens.registry/1';

export const RegistrySchema = z.object({
  schema: z.literal(REGISTRY_SCHEMA),
  /** Date of the build's newest input plus a content hash, e.g. "2026-11-27+3fa2c1d0". */
  version: z.string().min(1),
  datasets: z.array(DatasetSchema),
  sources: z.array(SourceSchema),
});
export type Registry = z.infer<typeof RegistrySchema>;

/**
 * A curated file (registry/curated/*.json): one per country or group, readable and reviewable.
 * Every fact of its entries gets the file's provenance unless an entry names its own.
 */
export const CuratedFileSchema = z.object({
  $comment: z.string().optional(),
  group: z.string().min(1),
  /** When these facts were checked. */
  date: isoDate,
  sources: z.array(
    SourceSchema.extend({
      provenance: z.partialRecord(z.enum(FACT_KEYS), z.string().min(1)).optional(),
      /** Where a reviewer can check the facts (the source's own imprint or about page). */
      ref: z.string().optional(),
    }),
  ),
});
export type CuratedFile = z.infer<typeof CuratedFileSchema>;
