/**
 * Finds a bundled source by name, alias or domain (the background searches the registry) so
 * its facts can be copied into the form: saved under the same id, the user's version replaces
 * the bundled one.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Source } from '../../lib/registry/schema';
import { countryName, formatNumber, plural, t, typeLabel } from '../i18n';
import { ask } from './store';

export interface BundledSearchProps {
  /** Copy this bundled source into the form. */
  onPick: (source: Source) => void;
  /** Ids the user already has (their entries are marked). */
  userIds: ReadonlySet<string>;
  /** Milliseconds to wait after typing before searching. Default 200. */
  delay?: number;
}

type State = { state: 'idle' } | { state: 'searching' } | { state: 'done'; results: Source[] } | { state: 'error' };

export function BundledSearch({ onPick, userIds, delay = 200 }: BundledSearchProps) {
  const uid = useId();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<State>({ state: 'idle' });
  const generation = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const mine = ++generation.current;
    if ([...q].length < 2) {
      setResult({ state: 'idle' });
      return;
    }
    const timer = setTimeout(() => {
      setResult({ state: 'searching' });
      ask({ type: 'options→background:search', query: q, limit: 8 })
        .then((results) => {
          if (generation.current === mine) setResult({ state: 'done', results });
        })
        .catch(() => {
          if (generation.current === mine) setResult({ state: 'error' });
        });
    }, delay);
    return () => clearTimeout(timer);
  }, [query, delay]);

  const announcement =
    result.state === 'done'
      ? result.results.length
        ? t(plural('opt_search_count', result.results.length), formatNumber(result.results.length))
        : t('opt_search_none')
      : result.state === 'error'
        ? t('opt_search_error')
        : '';

  return (
    <div class="so-search" role="search" aria-labelledby={`${uid}-label`}>
      <label id={`${uid}-label`} for={`${uid}-input`} class="so-label">
        {t('opt_search_label')}
      </label>
      <p id={`${uid}-hint`} class="so-hint">
        {t('opt_search_hint')}
      </p>
      <input
        id={`${uid}-input`}
        type="search"
        class="so-input"
        value={query}
        autoComplete="off"
        spellcheck={false}
        aria-describedby={`${uid}-hint`}
        aria-controls={`${uid}-results`}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
      />
      <p class="so-muted so-search-status" role="status" aria-live="polite">
        {announcement}
      </p>
      <ul id={`${uid}-results`} class="so-search-results" aria-label={t('opt_search_results')}>
        {result.state === 'done' &&
          result.results.map((s) => (
            <li key={s.id} class="so-search-result" data-source-id={s.id}>
              <div class="so-search-result-text">
                <strong>{s.name}</strong>
                <span class="so-muted">
                  {' '}
                  · {typeLabel(s.type)} · {countryName(s.country)}
                  {s.domains.length ? ` · ${s.domains.slice(0, 3).join(', ')}` : ''}
                </span>
                <span class="so-muted so-mono"> ({s.id})</span>
                {userIds.has(s.id) && <span class="so-badge">{t('opt_search_already_yours')}</span>}
              </div>
              <button
                type="button"
                class="so-button so-button--small"
                aria-label={t('opt_search_copy_label', s.name)}
                onClick={() => onPick(s)}
              >
                {t('opt_search_copy')}
              </button>
            </li>
          ))}
      </ul>
    </div>
  );
}
