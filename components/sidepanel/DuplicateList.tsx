/**
 * Repeated paragraphs: each group (or repeated passage of groups) with its kind, similarity, the
 * opening words of each member and "Show" (scroll the page there and flash them). `DuplicateItem`
 * is one entry, shared by the side panel's list and the popup's.
 */
import type { JSX } from 'preact';
import type { DuplicateCluster } from '../../lib/types';
import { duplicateKindLabel, formatNumber, formatPercent, t } from '../i18n';
import { openingWords } from '../text';
import { duplicatePassages } from '../../lib/passages';

function tagLabel(tag: string): string {
  if (/^h[1-6]$/.test(tag)) return t('tag_heading');
  if (tag === 'p') return t('tag_paragraph');
  if (tag === 'li') return t('tag_list_item');
  return t('tag_other');
}

export interface DuplicateItemProps {
  /**
   * One group of repeated paragraphs, or several that make a repeated passage (lib/passages:
   * consecutive paragraphs standing more than once), shown as one item.
   */
  passage: DuplicateCluster[];
  /** The article's language, for members that carry none of their own. */
  pageLang: string | null;
  onShow: (paragraphs: number[]) => void;
  /** Prefix of the test ids ("sp" in the side panel, "popup" in the popup). */
  testId: string;
  /** How many opening words of each member are shown. */
  words: number;
}

export function DuplicateItem({ passage, pageLang, onShow, testId, words }: DuplicateItemProps): JSX.Element {
  const cluster = passage[0];
  const indices = passage.flatMap((c) => c.paragraphs.map((p) => p.index)).sort((a, b) => a - b);
  const confidences = passage.map((c) => c.confidence).filter((c): c is number => c !== undefined);
  const measure =
    cluster.kind === 'translation' && confidences.length === passage.length
      ? t('dup_confidence', formatPercent(Math.min(...confidences)))
      : t('dup_similarity', formatPercent(cluster.kind === 'exact' ? 1 : Math.min(...passage.map((c) => c.similarity))));
  return (
    <li
      class={`sl-item sl-duplicate sl-duplicate--${cluster.kind}`}
      data-testid={`${testId}-duplicate`}
      data-kind={cluster.kind}
      data-passage={passage.length > 1 ? passage.length : undefined}
    >
      <div class="sl-duplicate-head">
        <span class="sl-badge sl-badge--kind">{duplicateKindLabel(cluster.kind)}</span>
        <span class="sl-duplicate-measure">
          {passage.length > 1 ? `${t('dup_passage', formatNumber(passage.length))} · ${measure}` : measure}
        </span>
        <button
          type="button"
          class="sl-button sl-button--small"
          data-testid={`${testId}-duplicate-show`}
          aria-label={t('dup_show_label', formatNumber(indices.length))}
          onClick={() => onShow(indices)}
        >
          {t('show')}
        </button>
      </div>
      {/* Each copy by its first paragraph (a passage's copies are the same paragraphs in a row). */}
      <ol class="sl-duplicate-paragraphs">
        {cluster.paragraphs.map((p) => (
          <li key={p.index}>
            <span class="sl-tag">{tagLabel(p.tag)}</span>{' '}
            <q class="sl-opening" lang={p.lang ?? (cluster.kind === 'translation' ? undefined : pageLang ?? undefined)}>
              {openingWords(p.text, words)}
            </q>
          </li>
        ))}
      </ol>
    </li>
  );
}

export interface DuplicateListProps {
  clusters: DuplicateCluster[];
  /** The article's language, for members that carry none of their own. */
  pageLang: string | null;
  onShow: (paragraphs: number[]) => void;
}

export function DuplicateList({ clusters, pageLang, onShow }: DuplicateListProps): JSX.Element {
  return (
    <ul class="sl-duplicates">
      {duplicatePassages(clusters).map((passage, i) => (
        <DuplicateItem key={i} passage={passage} pageLang={pageLang} onShow={onShow} testId="sp" words={16} />
      ))}
    </ul>
  );
}
