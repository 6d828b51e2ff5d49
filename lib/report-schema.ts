/**
 * zod schema of the page report (`sourcelens.page-report/1`): what the CLI writes and tests
 * check. Kept apart from lib/types.ts so the content script never pulls in zod.
 */
import { z } from 'zod';
import { OWNERSHIPS, SCOPES, SOURCE_TYPES } from './registry/schema';
import { PAGE_REPORT_SCHEMA } from './types';

const FactOriginSchema = z.object({ dataset: z.string(), title: z.string(), licence: z.string(), date: z.string() });

export const SourceInfoSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()),
  domains: z.array(z.string()),
  type: z.enum(SOURCE_TYPES),
  scope: z.enum(SCOPES),
  ownership: z.enum(OWNERSHIPS),
  country: z.string().regex(/^[A-Z]{2}$/),
  languages: z.array(z.string()).min(1),
  owner: z.string().optional(),
  parent: z.string().optional(),
  coverage: z.array(z.string()).optional(),
  description: z.string().optional(),
  ratings: z.array(
    z.object({ system: z.string(), value: z.union([z.string(), z.number()]), dataset: z.string(), date: z.string(), licence: z.string() }),
  ),
  provenance: z.record(z.string(), FactOriginSchema.optional()),
  user: z.boolean().optional(),
});

const PartSchema = z.object({
  key: z.string(),
  kind: z.enum(['domain', 'url', 'name', 'numeric']),
  url: z.string().optional(),
  refText: z.string().optional(),
  refId: z.string().optional(),
});

const UnresolvedSchema = z.object({
  key: z.string(),
  reason: z.enum(['unknown-domain', 'unknown-name', 'no-reference-link', 'reference-not-found', 'unknown-url']),
  domain: z.string().optional(),
  tldCountry: z.string().optional(),
  suggestions: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});

export const ReportCitationSchema = z.object({
  id: z.number().int().nonnegative(),
  marker: z.string().min(1),
  key: z.string(),
  kind: z.enum(['domain', 'url', 'name', 'numeric', 'credit']),
  label: z.string().optional(),
  parts: z.array(PartSchema).min(1),
  context: z.string(),
  paragraph: z.number().int().nonnegative().nullable(),
  source: SourceInfoSchema.nullable(),
  sources: z.array(SourceInfoSchema.nullable()),
  unresolved: z.array(UnresolvedSchema),
});

export const DuplicateClusterSchema = z.object({
  kind: z.enum(['exact', 'near', 'translation']),
  similarity: z.number().min(0).max(1),
  confidence: z.number().min(0).max(1).optional(),
  paragraphs: z
    .array(z.object({ index: z.number().int().nonnegative(), tag: z.string(), text: z.string(), lang: z.string().nullable().optional() }))
    .min(2),
});

export const ReuseMatchSchema = z.object({
  paragraph: z.number().int().nonnegative(),
  opening: z.string(),
  similarity: z.number().min(0).max(1),
  site: z.string(),
  url: z.string(),
  seenAt: z.number(),
  sites: z.number().int().positive(),
});

export const PageWarningSchema = z.object({
  code: z.enum([
    'local-source-for-non-local-news',
    'source-language-mismatch',
    'missing-metadata',
    'html-lang-mismatch',
    'duplicate-paragraphs',
    'unresolved-citations',
    'paragraphs-seen-elsewhere',
  ]),
  message: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  citations: z.array(z.number()).optional(),
  paragraphs: z.array(z.number()).optional(),
});

export const PageReportSchema = z.object({
  schema: z.literal(PAGE_REPORT_SCHEMA),
  input: z.string().nullable(),
  url: z.string().nullable(),
  lang: z.string().nullable(),
  htmlLang: z.string().nullable(),
  title: z.string(),
  registryVersion: z.string().min(1),
  publisher: SourceInfoSchema.nullable(),
  stats: z.object({
    citations: z.number().int().nonnegative(),
    resolved: z.number().int().nonnegative(),
    unresolved: z.number().int().nonnegative(),
    paragraphs: z.number().int().nonnegative(),
  }),
  citations: z.array(ReportCitationSchema),
  sources: z.array(z.object({ source: SourceInfoSchema, count: z.number().int().positive(), citations: z.array(z.number()) })),
  duplicates: z.array(DuplicateClusterSchema),
  // label '' = the field is absent from the page altogether (lib/types MissingMetadata).
  missingMetadata: z.array(z.object({ field: z.enum(['published', 'author', 'modified']), label: z.string() })),
  warnings: z.array(PageWarningSchema),
  reuse: z.array(ReuseMatchSchema).optional(),
});
