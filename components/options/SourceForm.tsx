/**
 * The form to add a source or edit one of the user's: every field of a source (lib/registry/
 * schema.ts), checked as the user goes (errors show once a field is left, or on saving), with
 * a summary of what to fix that takes focus when saving fails.
 *
 * Lists (websites, other names, languages, area covered) are typed one per line, or
 * comma-separated on one line. The id follows the name until the user edits it.
 *
 * The props are read when the form mounts: give it a new `key` to show another source.
 */
import type { JSX } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Rating, Source } from '../../lib/registry/schema';
import {
  EMPTY_FORM,
  USER_DATASET,
  USER_OWNERSHIPS,
  USER_SCOPES,
  USER_SOURCE_TYPES,
  formToInput,
  isCountryCode,
  normalizeLanguage,
  ratingValue,
  splitList,
  suggestId,
  topField,
  upsertSource,
  type SourceFormValues,
  type SourceProblem,
} from '../../lib/user-sources';
import {
  countryName,
  formatDate,
  formatList,
  languageName,
  ownershipLabel,
  ratingSystemName,
  ratingValueLabel,
  scopeLabel,
  t,
  typeLabel,
} from '../i18n';
import { problemMessage } from './errors';

export interface SourceFormProps {
  /** What the form starts with (a new source, a copy of a bundled one, or the source being edited). */
  initial: SourceFormValues;
  /** The id of the user's source being edited; unset when adding. */
  editingId?: string;
  /** The user's sources as stored now. */
  existing: readonly Source[];
  /** Whether the id was chosen (copied or edited) and should no longer follow the name. */
  idChosen?: boolean;
  /** Names of bundled sources by id (for "replaces the bundled …"). */
  bundledName?: (id: string) => string | undefined;
  /** Called with the new list once the source checks out; the list is then stored by the caller. */
  onSave: (sources: Source[], source: Source) => Promise<void> | void;
  onCancel?: () => void;
  /** Move focus to the first field when the form appears (after "Edit" or "Copy"). */
  autoFocus?: boolean;
}

type TextField = Exclude<keyof SourceFormValues, 'ratings'>;

/** The order fields are listed in the error summary. */
const FIELD_ORDER: TextField[] = [
  'name',
  'id',
  'domains',
  'aliases',
  'type',
  'scope',
  'ownership',
  'country',
  'languages',
  'owner',
  'parent',
  'coverage',
  'description',
];

const KNOWN_RATING_SYSTEMS = ['wikipedia-perennial', 'cred-1', 'cred-1-score', 'lin-2023', 'cite-unseen'];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function fieldLabel(field: string): string {
  switch (field) {
    case 'id':
      return t('opt_field_id');
    case 'name':
      return t('opt_field_name');
    case 'aliases':
      return t('opt_field_aliases');
    case 'domains':
      return t('opt_field_domains');
    case 'type':
      return t('opt_field_type');
    case 'scope':
      return t('opt_field_scope');
    case 'ownership':
      return t('opt_field_ownership');
    case 'country':
      return t('opt_field_country');
    case 'languages':
      return t('opt_field_languages');
    case 'owner':
      return t('opt_field_owner');
    case 'parent':
      return t('opt_field_parent');
    case 'coverage':
      return t('opt_field_coverage');
    case 'description':
      return t('opt_field_description');
    case 'ratings':
      return t('opt_field_ratings');
    default:
      return field;
  }
}

export function SourceForm({
  initial,
  editingId,
  existing,
  idChosen = false,
  bundledName,
  onSave,
  onCancel,
  autoFocus = false,
}: SourceFormProps) {
  const uid = useId();
  const fid = (field: string) => `${uid}-${field}`;
  const [values, setValues] = useState<SourceFormValues>(initial);
  const [idEdited, setIdEdited] = useState(idChosen || editingId !== undefined);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);

  // The caller gives the form a new `key` for each source it shows, so props are read once.
  useEffect(() => {
    if (autoFocus) firstRef.current?.focus();
  }, []);

  const result = useMemo(() => upsertSource(existing, formToInput(values), editingId), [values, existing, editingId]);
  const errors: SourceProblem[] = result.ok ? [] : result.errors;
  const byField = new Map<string, string[]>();
  for (const e of errors) {
    const field = topField(e.field) || 'name';
    const list = byField.get(field) ?? [];
    const message = problemMessage(e);
    if (!list.includes(message)) list.push(message);
    byField.set(field, list);
  }
  const shown = (field: string) => (submitted || touched.has(field) ? byField.get(field) ?? [] : []);

  const set = (field: TextField, value: string) => {
    setValues((v) => {
      const next = { ...v, [field]: value };
      if (!idEdited && (field === 'name' || field === 'domains')) {
        const taken = existing.filter((s) => s.id !== editingId).map((s) => s.id);
        next.id = next.name.trim() ? suggestId(next.name, splitList(next.domains), taken) : '';
      }
      return next;
    });
    if (field === 'id') setIdEdited(true);
  };
  const touch = (field: string) => setTouched((s) => (s.has(field) ? s : new Set([...s, field])));

  async function submit(event: Event) {
    event.preventDefault();
    setSubmitted(true);
    if (!result.ok) {
      // Wait for the summary to render, then take the user to it.
      setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    setSaving(true);
    try {
      await onSave(result.sources, result.source);
    } finally {
      setSaving(false);
    }
  }

  const describedBy = (field: string, hint = true, extra = '') =>
    [hint ? `${fid(field)}-hint` : '', extra, shown(field).length ? `${fid(field)}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  const invalid = (field: string) => (shown(field).length ? true : undefined);

  const errorText = (field: string) => {
    const list = shown(field);
    if (!list.length) return null;
    return (
      <p id={`${fid(field)}-error`} class="so-field-error">
        <span class="sl-visually-hidden">{t('opt_error_prefix')} </span>
        {list.join(' ')}
      </p>
    );
  };

  const text = (field: TextField, opts: { required?: boolean; hint?: string; multiline?: boolean; autoComplete?: string; maxLength?: number; inputRef?: typeof firstRef; extra?: JSX.Element | null; spellcheck?: boolean; rows?: number } = {}) => {
    const common = {
      id: fid(field),
      name: field,
      value: values[field],
      'aria-describedby': describedBy(field, Boolean(opts.hint), opts.extra ? `${fid(field)}-extra` : ''),
      'aria-invalid': invalid(field),
      'aria-required': opts.required ? true : undefined,
      onBlur: () => touch(field),
      spellcheck: opts.spellcheck,
    };
    return (
      <div class={`so-field so-field--${field}`}>
        <label for={fid(field)} class="so-label">
          {fieldLabel(field)}
          {opts.required ? <span class="so-required"> ({t('opt_required')})</span> : <span class="so-optional"> ({t('opt_optional')})</span>}
        </label>
        {opts.hint && (
          <p id={`${fid(field)}-hint`} class="so-hint">
            {opts.hint}
          </p>
        )}
        {opts.extra}
        {errorText(field)}
        {opts.multiline ? (
          <textarea
            {...common}
            class="so-input so-textarea"
            rows={opts.rows ?? 3}
            onInput={(e) => set(field, (e.currentTarget as HTMLTextAreaElement).value)}
          />
        ) : (
          <input
            {...common}
            ref={opts.inputRef}
            type="text"
            class="so-input"
            autoComplete={opts.autoComplete ?? 'off'}
            maxLength={opts.maxLength}
            onInput={(e) => set(field, (e.currentTarget as HTMLInputElement).value)}
          />
        )}
      </div>
    );
  };

  const select = (field: 'type' | 'scope' | 'ownership', options: readonly string[], label: (v: string) => string, hint?: string) => (
    <div class={`so-field so-field--${field}`}>
      <label for={fid(field)} class="so-label">
        {fieldLabel(field)}
        <span class="so-required"> ({t('opt_required')})</span>
      </label>
      {hint && (
        <p id={`${fid(field)}-hint`} class="so-hint">
          {hint}
        </p>
      )}
      {errorText(field)}
      <select
        id={fid(field)}
        name={field}
        class="so-input so-select"
        value={values[field]}
        aria-describedby={describedBy(field, Boolean(hint))}
        aria-invalid={invalid(field)}
        aria-required="true"
        onChange={(e) => {
          set(field, (e.currentTarget as HTMLSelectElement).value);
          touch(field);
        }}
        onBlur={() => touch(field)}
      >
        <option value="">{t('opt_choose')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </div>
  );

  const country = values.country.trim().toUpperCase();
  const countryPreview = /^[A-Z]{2}$/.test(country) && isCountryCode(country) ? countryName(country) : '';
  const languageTags = splitList(values.languages).map(normalizeLanguage);
  const languagesPreview = languageTags.length ? formatList(languageTags.map(languageName)) : '';
  const replaces = values.id && bundledName ? bundledName(values.id.trim()) : undefined;

  const summary = submitted && errors.length > 0 && (
    <div class="so-error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby={`${uid}-summary-title`}>
      <h4 id={`${uid}-summary-title`} class="so-error-summary-title">
        {t('opt_form_fix')}
      </h4>
      <ul>
        {[...FIELD_ORDER, 'ratings']
          .filter((f) => byField.has(f))
          .map((f) => (
            <li key={f}>
              <a
                href={`#${fid(f)}`}
                onClick={(e) => {
                  e.preventDefault();
                  (document.getElementById(fid(f)) as HTMLElement | null)?.focus();
                }}
              >
                {fieldLabel(f)}: {byField.get(f)!.join(' ')}
              </a>
            </li>
          ))}
      </ul>
    </div>
  );

  return (
    <form class="so-form" noValidate onSubmit={submit} aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`} class="so-form-title">
        {editingId !== undefined ? t('opt_form_edit_title', initial.name || editingId) : t('opt_form_add_title')}
      </h3>
      <p class="so-hint">{t('opt_form_intro')}</p>
      {summary}
      <div class="so-grid">
        {text('name', { required: true, inputRef: firstRef, hint: t('opt_hint_name') })}
        {text('id', {
          required: true,
          hint: t('opt_hint_id'),
          spellcheck: false,
          extra: replaces ? (
            <p class="so-note" id={`${fid('id')}-extra`}>
              {t('opt_replaces_bundled', replaces)}
            </p>
          ) : null,
        })}
        {text('domains', { multiline: true, hint: t('opt_hint_domains'), spellcheck: false, rows: 2 })}
        {text('aliases', { multiline: true, hint: t('opt_hint_list'), rows: 2 })}
        {select('type', USER_SOURCE_TYPES, typeLabel)}
        {select('scope', USER_SCOPES, scopeLabel, t('opt_hint_scope'))}
        {select('ownership', USER_OWNERSHIPS, ownershipLabel)}
        {text('country', {
          required: true,
          maxLength: 2,
          spellcheck: false,
          hint: countryPreview ? t('opt_hint_country_named', countryPreview) : t('opt_hint_country'),
        })}
        {text('languages', {
          required: true,
          spellcheck: false,
          hint: languagesPreview ? t('opt_hint_languages_named', languagesPreview) : t('opt_hint_languages'),
        })}
        {text('owner', { hint: t('opt_hint_owner') })}
        {text('parent', { hint: t('opt_hint_parent'), spellcheck: false })}
        {text('coverage', { multiline: true, hint: t('opt_hint_coverage'), rows: 2 })}
        {text('description', { multiline: true, hint: t('opt_hint_description'), rows: 3 })}
      </div>
      <RatingsEditor
        id={fid('ratings')}
        ratings={values.ratings}
        errors={shown('ratings')}
        onChange={(ratings) => {
          setValues((v) => ({ ...v, ratings }));
          touch('ratings');
        }}
      />
      <div class="so-form-actions">
        <button type="submit" class="so-button so-button--primary" disabled={saving}>
          {editingId !== undefined ? t('opt_save_changes') : t('opt_add_source')}
        </button>
        {onCancel && (
          <button type="button" class="so-button" onClick={onCancel}>
            {editingId !== undefined ? t('opt_cancel_edit') : t('opt_clear_form')}
          </button>
        )}
      </div>
    </form>
  );
}

/** The source's ratings: each with a remove button, and a row to add one (credited to "user"). */
function RatingsEditor({
  id,
  ratings,
  errors,
  onChange,
}: {
  id: string;
  ratings: Rating[];
  errors: string[];
  onChange: (ratings: Rating[]) => void;
}) {
  const [system, setSystem] = useState('');
  const [value, setValue] = useState('');
  const [date, setDate] = useState(today);
  const [problem, setProblem] = useState('');
  const listId = `${id}-systems`;

  function add() {
    const rating: Rating = { system: system.trim(), value: ratingValue(value), dataset: USER_DATASET, date: date.trim() };
    if (!rating.system || rating.value === '') {
      setProblem(t('opt_rating_incomplete'));
      return;
    }
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(rating.date)) {
      setProblem(t('opt_err_date'));
      return;
    }
    setProblem('');
    onChange([...ratings, rating]);
    setSystem('');
    setValue('');
  }

  return (
    <fieldset class="so-fieldset" id={id} tabIndex={-1} aria-describedby={`${id}-hint`}>
      <legend class="so-label">
        {t('opt_field_ratings')} <span class="so-optional">({t('opt_optional')})</span>
      </legend>
      <p id={`${id}-hint`} class="so-hint">
        {t('opt_hint_ratings')}
      </p>
      {errors.length > 0 && <p class="so-field-error">{errors.join(' ')}</p>}
      {ratings.length > 0 ? (
        <ul class="so-ratings">
          {ratings.map((r, i) => (
            <li key={`${r.system}-${i}`} class="so-rating">
              <span>
                <strong>{ratingSystemName(r.system)}</strong>: {ratingValueLabel(r.system, r.value)}{' '}
                <span class="so-muted">
                  {t('opt_rating_from', [r.dataset === USER_DATASET ? t('opt_dataset_user') : r.dataset, formatDate(r.date)])}
                </span>
              </span>
              <button
                type="button"
                class="so-button so-button--small"
                aria-label={t('opt_rating_remove_label', ratingSystemName(r.system))}
                onClick={() => onChange(ratings.filter((_, j) => j !== i))}
              >
                {t('opt_remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="so-muted">{t('opt_no_ratings')}</p>
      )}
      <div class="so-rating-add">
        <div class="so-field">
          <label class="so-label" for={`${id}-system`}>
            {t('opt_rating_system')}
          </label>
          <input
            id={`${id}-system`}
            class="so-input"
            list={listId}
            value={system}
            spellcheck={false}
            onInput={(e) => setSystem((e.currentTarget as HTMLInputElement).value)}
          />
          <datalist id={listId}>
            {KNOWN_RATING_SYSTEMS.map((s) => (
              <option key={s} value={s}>
                {ratingSystemName(s)}
              </option>
            ))}
          </datalist>
        </div>
        <div class="so-field">
          <label class="so-label" for={`${id}-value`}>
            {t('opt_rating_value')}
          </label>
          <input
            id={`${id}-value`}
            class="so-input"
            value={value}
            onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="so-field">
          <label class="so-label" for={`${id}-date`}>
            {t('opt_rating_date')}
          </label>
          <input
            id={`${id}-date`}
            class="so-input"
            value={date}
            placeholder="YYYY-MM-DD"
            spellcheck={false}
            onInput={(e) => setDate((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="button" class="so-button" onClick={add}>
          {t('opt_rating_add')}
        </button>
      </div>
      <p class="so-field-error" role="status">
        {problem}
      </p>
    </fieldset>
  );
}

export { EMPTY_FORM };
