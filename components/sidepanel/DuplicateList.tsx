/**
 * Repeated paragraphs: each group with its kind, similarity, the opening words of each member
 * and "Show" (scroll the page there and flash them). `DuplicateItem` is one group, shared by
 * the side panel's list and the popup's.
 */
import type { JSX } from 'preact';
import type { DuplicateCluster } from '../../lib/types';
import { duplicateKindLabel, formatNumber, formatPercent, t } from '../i18n';
import { openingWords } from '../text';

function tagLabel(tag: string): string {
  if (/^h[1-6]$/.test(tag)) return t('tag_heading');
  if (tag === 'p') return t('tag_paragraph');
  if (tag === 'li') return t('tag_list_item');
  return t('tag_other');
}

export interface DuplicateItemProps {
  cluster: DuplicateCluster;
  /** The article's language, for members that carry none of their own. */
  pageLang: string | null;
  onShow: (paragraphs: number[]) => void;
  /** Prefix of the test ids ("sp" in the side panel, "popup" in the popup). */
  testId: string;
  /** How many opening words of each member are shown. */
  words: number;
}

export function DuplicateItem({ cluster, pageLang, onShow, testId, words }: DuplicateItemProps): JSX.Element {
  const indices = cluster.paragraphs.map((p) => p.index);
  const measure =
    cluster.kind === 'translation' && cluster.confidence !== undefined
      ? t('dup_confidence', formatPercent(cluster.confidence))
      : t('dup_similarity', formatPercent(cluster.kind === 'exact' ? 1 : cluster.similarity));
  return (
    <li class={`sl-item sl-duplicate sl-duplicate--${cluster.kind}`} data-testid={`${testId}-duplicate`} data-kind={cluster.kind}>
      <div class="sl-duplicate-head">
        <span class="sl-badge sl-badge--kind">{duplicateKindLabel(cluster.kind)}</span>
        <span class="sl-duplicate-measure">{measure}</span>
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
      {clusters.map((cluster, i) => (
        <DuplicateItem key={i} cluster={cluster} pageLang={pageLang} onShow={onShow} testId="sp" words={16} />
      ))}
    </ul>
  );
}
