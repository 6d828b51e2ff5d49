/**
 * The side panel's table of citations: marker, sentence, source, type, reach, country,
 * ratings and paragraph; sortable by every column (a button in each header, `aria-sort` on the
 * sorted one) and filterable (unidentified only, by source, by type).
 *
 * Keyboard: the rows form one tab stop (roving tabindex); ↑/↓/Home/End move between rows,
 * Enter or Space shows the citation in the page (as a click does), ←/→ scroll the table
 * sideways when it is wider than the panel. Sort and filter results are announced politely.
 */
import type { JSX } from 'preact';
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import type { PageReport, SourceInfo } from '../../lib/types';
import {
  countryName,
  displayLocale,
  formatNumber,
  ratingSystemName,
  ratingValueLabel,
  scopeLabel,
  t,
  typeLabel,
  type MessageKey,
} from '../i18n';
import {
  COLUMNS,
  NO_FILTERS,
  buildRows,
  filterRows,
  hasFilters,
  nextSort,
  ratingPosition,
  sortRows,
  sourceOptions,
  typeOptions,
  type CitationRow,
  type Column,
  type Filters,
  type Labels,
  type SortState,
} from './model';

const HEADERS: Record<Column, MessageKey> = {
  marker: 'sp_col_marker',
  context: 'sp_col_context',
  source: 'sp_col_source',
  type: 'fact_type',
  scope: 'fact_scope',
  country: 'fact_country',
  ratings: 'card_ratings',
  paragraph: 'sp_col_paragraph',
};

const LABELS: Labels = { type: typeLabel, scope: scopeLabel, country: countryName };

export interface CitationTableProps {
  report: PageReport;
  /** The citation last shown in the page (highlighted row), if any. */
  selected: number | null;
  onShow: (citation: number) => void;
}

export function CitationTable({ report, selected, onShow }: CitationTableProps): JSX.Element {
  const [sort, setSort] = useState<SortState | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [focusId, setFocusId] = useState<number | null>(null);
  const [sortNote, setSortNote] = useState('');
  const captionId = useId();
  const hintId = useId();
  const filtersId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const rowRefs = useRef(new Map<number, HTMLTableRowElement>());

  const rows = useMemo(() => buildRows(report), [report]);
  const sources = useMemo(() => sourceOptions(rows), [rows]);
  const types = useMemo(() => {
    const collator = new Intl.Collator(displayLocale());
    return typeOptions(rows).sort((a, b) => collator.compare(typeLabel(a), typeLabel(b)));
  }, [rows]);

  // A filter for a source or type the (refreshed) report no longer has is dropped.
  const effective: Filters = {
    unresolvedOnly: filters.unresolvedOnly,
    source: sources.some((s) => s.id === filters.source) ? filters.source : '',
    type: filters.type && types.includes(filters.type) ? filters.type : '',
  };
  const visible = useMemo(() => {
    const collator = new Intl.Collator(displayLocale(), { numeric: true, sensitivity: 'base' });
    return sortRows(filterRows(rows, effective), sort, LABELS, collator);
  }, [rows, effective.unresolvedOnly, effective.source, effective.type, sort]);

  const activeId = visible.some((r) => r.id === focusId) ? focusId : (visible[0]?.id ?? null);

  // A filter change announces the new count alone (not an older sort).
  const setFilter = (patch: Partial<Filters>) => {
    setFilters({ ...effective, ...patch });
    setSortNote('');
  };

  const onSort = (column: Column) => {
    const next = nextSort(sort, column);
    setSort(next);
    setSortNote(t(next.direction === 'ascending' ? 'sp_sorted_ascending' : 'sp_sorted_descending', t(HEADERS[column])));
  };

  // Focus moves at once (the row is already in the DOM), so fast or repeated keys each count.
  const moveTo = (id: number | undefined) => {
    if (id === undefined) return;
    rowRefs.current.get(id)?.focus();
    setFocusId(id);
  };

  const onRowKeyDown = (event: KeyboardEvent, row: CitationRow, index: number) => {
    switch (event.key) {
      case 'Enter':
      case ' ':
        event.preventDefault();
        setFocusId(row.id);
        onShow(row.id);
        return;
      case 'ArrowDown':
        event.preventDefault();
        moveTo(visible[index + 1]?.id);
        return;
      case 'ArrowUp':
        event.preventDefault();
        moveTo(visible[index - 1]?.id);
        return;
      case 'Home':
        event.preventDefault();
        moveTo(visible[0]?.id);
        return;
      case 'End':
        event.preventDefault();
        moveTo(visible[visible.length - 1]?.id);
        return;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const wrap = wrapRef.current;
        if (wrap && wrap.scrollWidth > wrap.clientWidth) {
          event.preventDefault();
          wrap.scrollBy?.({ left: event.key === 'ArrowLeft' ? -120 : 120 });
        }
        return;
      }
    }
  };

  const filtered = hasFilters(effective);
  const shown = t('sp_shown', [formatNumber(visible.length), formatNumber(rows.length)]);

  return (
    <div class="sl-citations">
      <fieldset class="sl-filters" aria-describedby={filtersId}>
        <legend class="sl-filters-legend">{t('sp_filters')}</legend>
        <label class="sl-check">
          <input
            type="checkbox"
            checked={effective.unresolvedOnly}
            data-testid="sp-filter-unresolved"
            onChange={(e) => setFilter({ unresolvedOnly: (e.currentTarget as HTMLInputElement).checked })}
          />
          <span>{t('sp_filter_unresolved')}</span>
        </label>
        <label class="sl-field">
          <span class="sl-field-label">{t('sp_filter_source')}</span>
          <select
            value={effective.source}
            data-testid="sp-filter-source"
            onChange={(e) => setFilter({ source: (e.currentTarget as HTMLSelectElement).value })}
          >
            <option value="">{t('sp_filter_source_all')}</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {t('sp_filter_source_option', [s.name, formatNumber(s.count)])}
              </option>
            ))}
          </select>
        </label>
        <label class="sl-field">
          <span class="sl-field-label">{t('sp_filter_type')}</span>
          <select
            value={effective.type}
            data-testid="sp-filter-type"
            onChange={(e) => setFilter({ type: (e.currentTarget as HTMLSelectElement).value as Filters['type'] })}
          >
            <option value="">{t('sp_filter_type_all')}</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button type="button" class="sl-link-button sl-clear" data-testid="sp-clear-filters" onClick={() => setFilter(NO_FILTERS)}>
            {t('sp_clear_filters')}
          </button>
        )}
      </fieldset>
      <p id={filtersId} class="sl-table-status" role="status" aria-live="polite" aria-atomic="true" data-testid="sp-count">
        {shown}
        {sortNote && <span class="sl-visually-hidden"> {sortNote}</span>}
      </p>

      <div ref={wrapRef} class="sl-table-wrap">
        <table class="sl-table" aria-describedby={hintId} data-testid="sp-table">
          <caption id={captionId} class="sl-visually-hidden">
            {t('sp_table_caption')}
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const sorted = sort?.column === column ? sort.direction : undefined;
                return (
                  <th key={column} scope="col" class={`sl-col-${column}`} aria-sort={sorted} data-column={column}>
                    <button type="button" class="sl-sort" data-testid={`sp-sort-${column}`} onClick={() => onSort(column)}>
                      {t(HEADERS[column])}
                      <span class={`sl-sort-icon sl-sort-icon--${sorted ?? 'none'}`} aria-hidden="true" />
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {visible.map((row, index) => (
              <tr
                key={row.id}
                ref={(el) => {
                  if (el) rowRefs.current.set(row.id, el);
                  else rowRefs.current.delete(row.id);
                }}
                class={`sl-row${row.id === selected ? ' sl-row--selected' : ''}${row.unresolved ? ' sl-row--unresolved' : ''}`}
                tabIndex={row.id === activeId ? 0 : -1}
                data-testid="sp-row"
                data-citation={row.id}
                data-selected={row.id === selected ? 'true' : undefined}
                onClick={() => {
                  setFocusId(row.id);
                  onShow(row.id);
                }}
                onFocus={() => setFocusId(row.id)}
                onKeyDown={(e) => onRowKeyDown(e, row, index)}
              >
                <th scope="row" class="sl-col-marker">
                  <span class="sl-marker">{row.citation.marker}</span>
                </th>
                <td class="sl-col-context">
                  {row.citation.context.trim() ? (
                    <span class="sl-context" lang={report.lang ?? undefined}>
                      {row.citation.context}
                    </span>
                  ) : (
                    <Missing text={t('sp_no_value')} />
                  )}
                </td>
                <td class="sl-col-source">
                  <SourceNames row={row} />
                </td>
                <td class="sl-col-type">
                  <Distinct values={row.sources.map((s) => typeLabel(s.type))} />
                </td>
                <td class="sl-col-scope">
                  <Distinct values={row.sources.map((s) => scopeLabel(s.scope))} />
                </td>
                <td class="sl-col-country">
                  <Distinct values={row.sources.map((s) => (s.country ? countryName(s.country) : ''))} />
                </td>
                <td class="sl-col-ratings">
                  <Ratings sources={row.sources} />
                </td>
                <td class="sl-col-paragraph">
                  {row.citation.paragraph === null ? (
                    <Missing text={t('sp_no_paragraph')} />
                  ) : (
                    formatNumber(row.citation.paragraph + 1)
                  )}
                </td>
              </tr>
            ))}
            {visible.length === 0 && (
              <tr class="sl-row-empty">
                <td colSpan={COLUMNS.length} data-testid="sp-no-match">
                  {rows.length === 0 ? t('empty_citations') : t('sp_no_match')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p id={hintId} class="sl-table-hint">
        {t('sp_table_hint')}
      </p>
    </div>
  );
}

function Missing({ text }: { text: string }) {
  return (
    <>
      <span class="sl-missing" aria-hidden="true">
        –
      </span>
      <span class="sl-visually-hidden">{text}</span>
    </>
  );
}

function Distinct({ values }: { values: string[] }) {
  const unique = [...new Set(values.filter(Boolean))];
  return unique.length ? <>{unique.join(', ')}</> : <Missing text={t('sp_no_value')} />;
}

function SourceNames({ row }: { row: CitationRow }) {
  return (
    <ul class="sl-cell-list">
      {row.sources.map((s) => (
        <li key={s.id} class="sl-source-name" data-source-id={s.id}>
          {s.name}
        </li>
      ))}
      {row.unresolvedKeys.map((key, i) => (
        <li key={`u-${i}`} class="sl-source-unknown">
          <span class="sl-badge sl-badge--unknown">{t('unresolved_title')}</span> <span class="sl-unknown-key">{key}</span>
        </li>
      ))}
    </ul>
  );
}

function tone(position: number | null): 'good' | 'mixed' | 'bad' | 'neutral' {
  if (position === null) return 'neutral';
  if (position >= 0.7) return 'good';
  if (position < 0.4) return 'bad';
  return 'mixed';
}

function Ratings({ sources }: { sources: SourceInfo[] }) {
  const items = sources.flatMap((s) => s.ratings.map((r, i) => ({ key: `${s.id}-${r.system}-${i}`, source: s, rating: r })));
  if (!items.length) return <Missing text={t('sp_no_ratings')} />;
  const named = sources.length > 1;
  return (
    <ul class="sl-cell-list sl-cell-ratings">
      {items.map(({ key, source, rating }) => (
        <li key={key}>
          <span class="sl-rating-system">
            {named ? `${source.name}: ` : ''}
            {ratingSystemName(rating.system)}
          </span>{' '}
          <span class={`sl-card-rating-value sl-tone-${tone(ratingPosition(rating.system, rating.value))}`}>
            {ratingValueLabel(rating.system, rating.value)}
          </span>
        </li>
      ))}
    </ul>
  );
}
