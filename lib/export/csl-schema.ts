/**
 * zod schema of the CSL-JSON SourceLens writes (lib/export/csl.ts): the subset of
 * https://resource.citationstyles.org/schema/latest/input/json/csl-data.json it uses.
 *
 * Faithful to the official schema where it speaks: the data is an array of objects, `id`
 * (string or number) and `type` (one of the CSL item types) are required, the other fields are
 * strings, and no property outside the schema is allowed (`additionalProperties: false`, here
 * `z.strictObject`). Stricter where SourceLens promises more: every item has a title,
 * container-title and note, URL is an https address, language a BCP 47 tag.
 */
import { z } from 'zod';

/** Every item type the official csl-data.json allows (its `items.properties.type.enum`). */
export const CSL_ITEM_TYPES = [
  'article',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'bill',
  'book',
  'broadcast',
  'chapter',
  'classic',
  'collection',
  'dataset',
  'document',
  'entry',
  'entry-dictionary',
  'entry-encyclopedia',
  'figure',
  'graphic',
  'hearing',
  'interview',
  'legal_case',
  'legislation',
  'manuscript',
  'map',
  'motion_picture',
  'musical_score',
  'pamphlet',
  'paper-conference',
  'patent',
  'performance',
  'periodical',
  'personal_communication',
  'post',
  'post-weblog',
  'regulation',
  'report',
  'review',
  'review-book',
  'software',
  'song',
  'speech',
  'standard',
  'thesis',
  'treaty',
  'webpage',
] as const;

export const CslItemSchema = z.strictObject({
  id: z.union([z.string().min(1), z.number()]),
  type: z.enum(CSL_ITEM_TYPES),
  title: z.string().min(1),
  'container-title': z.string().min(1),
  URL: z.string().regex(/^https:\/\/[^\s/]+$/).optional(),
  publisher: z.string().min(1).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional(),
  note: z.string().min(1),
});

export const CslDataSchema = z.array(CslItemSchema);

export type CslItemFromSchema = z.infer<typeof CslItemSchema>;
