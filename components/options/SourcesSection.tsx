/**
 * "Your sources": the table of the user's sources (edit, remove), the search for a bundled
 * source to start from, and the add/edit form.
 */
import { useRef, useState } from 'preact/hooks';
import type { Source } from '../../lib/registry/schema';
import { EMPTY_FORM, sourceToForm, type SourceFormValues } from '../../lib/user-sources';
import { countryName, formatNumber, plural, t, typeLabel } from '../i18n';
import { BundledSearch } from './BundledSearch';
import { SourceForm } from './SourceForm';

export interface SourcesSectionProps {
  sources: readonly Source[];
  /** Names of bundled sources by id, for the user's ids that replace one. */
  bundled: Readonly<Record<string, string>>;
  /** Looks up whether an id is a bundled source (for the form's note); may answer later. */
  bundledName: (id: string) => string | undefined;
  /** Stores the new list; `message` is announced once it is stored. */
  onChange: (sources: Source[], message: string) => Promise<void>;
  /** Removes a source (with an undo offered by the caller). */
  onRemove: (source: Source) => void;
  /** Problems met reading the stored sources. */
  problems: readonly string[];
  announce: (text: string) => void;
}

interface FormState {
  /** A new key for each source the form shows: the form is mounted afresh. */
  key: number;
  initial: SourceFormValues;
  editingId?: string;
  idChosen: boolean;
  /** Take focus to the form's first field (after "Edit" and "Copy"). */
  focus: boolean;
}

let formKeys = 0;
const newForm = (over: Partial<FormState> = {}): FormState => ({
  key: ++formKeys,
  initial: EMPTY_FORM,
  idChosen: false,
  focus: false,
  ...over,
});

export function SourcesSection({ sources, bundled, bundledName, onChange, onRemove, problems, announce }: SourcesSectionProps) {
  const [form, setForm] = useState<FormState>(newForm);
  const tableRef = useRef<HTMLTableElement>(null);
  const userIds = new Set(sources.map((s) => s.id));

  function edit(source: Source) {
    setForm(newForm({ initial: sourceToForm(source), editingId: source.id, idChosen: true, focus: true }));
  }

  function copy(source: Source) {
    const mine = sources.find((s) => s.id === source.id);
    if (mine) {
      edit(mine);
      announce(t('opt_copy_already', mine.name));
      return;
    }
    setForm(newForm({ initial: sourceToForm(source), idChosen: true, focus: true }));
    announce(t('opt_copied', source.name));
  }

  function reset() {
    setForm(newForm());
  }

  async function save(next: Source[], source: Source) {
    const editing = form.editingId;
    await onChange(next, editing !== undefined ? t('opt_saved', source.name) : t('opt_added', source.name));
    reset();
    if (editing !== undefined) {
      // Back to where the user came from: the row's edit button.
      setTimeout(() => {
        tableRef.current?.querySelector<HTMLElement>(`[data-edit="${source.id}"]`)?.focus();
      }, 0);
    }
  }

  return (
    <section id="sources" class="so-section" aria-labelledby="sources-title">
      <h2 id="sources-title" class="so-section-title">
        {t('opt_sources_title')}
      </h2>
      <p class="so-intro">{t('opt_sources_intro')}</p>

      {problems.length > 0 && (
        <div class="so-notice so-notice--warning">
          <p>{t('opt_load_problems')}</p>
          <details>
            <summary>{t('opt_details')}</summary>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </details>
        </div>
      )}

      {sources.length === 0 ? (
        <p class="so-empty" data-testid="sources-empty">
          {t('opt_sources_empty')}
        </p>
      ) : (
        <div class="so-table-wrap">
          <table class="so-table" ref={tableRef} data-testid="sources-table">
            <caption class="so-caption">{t(plural('opt_sources_count', sources.length), formatNumber(sources.length))}</caption>
            <thead>
              <tr>
                <th scope="col">{t('opt_col_name')}</th>
                <th scope="col">{t('opt_col_id')}</th>
                <th scope="col">{t('opt_col_domains')}</th>
                <th scope="col">{t('opt_col_type')}</th>
                <th scope="col">{t('opt_col_country')}</th>
                <th scope="col">
                  <span class="sl-visually-hidden">{t('opt_col_actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.id} data-source-id={s.id} class={form.editingId === s.id ? 'so-row--editing' : undefined}>
                  <th scope="row">
                    {s.name}
                    {bundled[s.id] && <span class="so-row-note">{t('opt_replaces_bundled_short', bundled[s.id])}</span>}
                  </th>
                  <td class="so-mono">{s.id}</td>
                  <td class="so-domains">{s.domains.join(', ') || '—'}</td>
                  <td>{typeLabel(s.type)}</td>
                  <td>{countryName(s.country)}</td>
                  <td class="so-row-actions">
                    <button
                      type="button"
                      class="so-button so-button--small"
                      data-edit={s.id}
                      aria-label={t('opt_edit_label', s.name)}
                      onClick={() => edit(s)}
                    >
                      {t('opt_edit')}
                    </button>
                    <button
                      type="button"
                      class="so-button so-button--small so-button--danger"
                      data-remove={s.id}
                      aria-label={t('opt_remove_label', s.name)}
                      onClick={() => {
                        if (form.editingId === s.id) reset();
                        onRemove(s);
                      }}
                    >
                      {t('opt_remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div class="so-panel">
        <BundledSearch onPick={copy} userIds={userIds} />
      </div>

      <div class="so-panel">
        <SourceForm
          key={form.key}
          initial={form.initial}
          editingId={form.editingId}
          idChosen={form.idChosen}
          existing={sources}
          bundledName={bundledName}
          onSave={save}
          onCancel={reset}
          autoFocus={form.focus}
        />
      </div>
    </section>
  );
}
