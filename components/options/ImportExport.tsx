/**
 * Import (a JSON file or pasted text) and export (download, clipboard) of the user's sources.
 * An import is checked as a whole (lib/user-sources.ts `parseImport`): one bad entry refuses
 * it, every problem is listed, and nothing stored changes.
 */
import { useId, useRef, useState } from 'preact/hooks';
import type { Source } from '../../lib/registry/schema';
import { exportFileName, exportSources, parseImport, type SourceProblem } from '../../lib/user-sources';
import { formatNumber, plural, t } from '../i18n';
import { problemMessage, problemPlace } from './errors';

export interface ImportExportProps {
  sources: readonly Source[];
  /** Stores the imported list; `message` is announced once stored. */
  onImport: (sources: Source[], message: string) => Promise<void>;
  announce: (text: string) => void;
}

/** At most this many problems are listed (the count says how many there are). */
const MAX_LISTED = 100;

export function ImportExport({ sources, onImport, announce }: ImportExportProps) {
  const uid = useId();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<SourceProblem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const errorsRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  async function run(input: string) {
    const result = parseImport(input, sources);
    if (!result.ok) {
      setErrors(result.errors);
      setTimeout(() => errorsRef.current?.focus(), 0);
      return;
    }
    setErrors(null);
    setBusy(true);
    try {
      const message =
        result.added + result.replaced === 0
          ? t('opt_import_nothing')
          : t('opt_import_done', [formatNumber(result.added), formatNumber(result.replaced)]);
      await onImport(result.sources, message);
      setText('');
      if (fileRef.current) fileRef.current.value = '';
    } catch (error) {
      announce(t('opt_save_failed', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  }

  async function readFile(event: Event) {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    let content: string;
    try {
      content = await file.text();
    } catch {
      setErrors([{ entry: null, field: '', code: 'json', message: 'unreadable file' }]);
      return;
    }
    await run(content);
  }

  function download() {
    const blob = new Blob([exportSources(sources)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName();
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    announce(t('opt_export_downloaded', a.download));
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(exportSources(sources));
      announce(t('opt_export_copied'));
    } catch {
      announce(t('opt_export_copy_failed'));
    }
  }

  const entries = errors ? new Set(errors.filter((e) => e.entry !== null).map((e) => e.entry)).size : 0;

  return (
    <section id="import" class="so-section" aria-labelledby="import-title">
      <h2 id="import-title" class="so-section-title">
        {t('opt_import_title')}
      </h2>
      <p class="so-intro">{t('opt_import_intro')}</p>

      <div class="so-panel">
        <h3 class="so-subtitle">{t('opt_import_heading')}</h3>
        <div class="so-field">
          <label class="so-label" for={`${uid}-file`}>
            {t('opt_import_file')}
          </label>
          <input
            id={`${uid}-file`}
            ref={fileRef}
            type="file"
            class="so-file"
            accept="application/json,.json"
            disabled={busy}
            onChange={readFile}
          />
        </div>
        <div class="so-field">
          <label class="so-label" for={`${uid}-paste`}>
            {t('opt_import_paste')}
          </label>
          <p class="so-hint" id={`${uid}-paste-hint`}>
            {t('opt_import_paste_hint')}
          </p>
          <textarea
            id={`${uid}-paste`}
            class="so-input so-textarea so-mono"
            rows={6}
            spellcheck={false}
            value={text}
            aria-describedby={`${uid}-paste-hint`}
            onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </div>
        <div class="so-form-actions">
          <button type="button" class="so-button so-button--primary" disabled={busy} onClick={() => void run(text)}>
            {t('opt_import_button')}
          </button>
        </div>
        {errors && (
          <div
            class="so-error-summary"
            role="alert"
            tabIndex={-1}
            ref={errorsRef}
            aria-labelledby={`${uid}-errors-title`}
            data-testid="import-errors"
          >
            <h4 id={`${uid}-errors-title`} class="so-error-summary-title">
              {entries > 0
                ? t(plural('opt_import_refused_entries', entries), formatNumber(entries))
                : t('opt_import_refused')}
            </h4>
            <p>{t('opt_import_unchanged')}</p>
            <ul>
              {errors.slice(0, MAX_LISTED).map((e, i) => {
                const place = problemPlace(e);
                return (
                  <li key={i}>
                    {place && <code class="so-mono">{place}</code>}
                    {e.id && <span> (“{e.id}”)</span>}
                    {place || e.id ? ': ' : ''}
                    {problemMessage(e)}
                  </li>
                );
              })}
            </ul>
            {errors.length > MAX_LISTED && (
              <p>{t('opt_import_more', formatNumber(errors.length - MAX_LISTED))}</p>
            )}
          </div>
        )}
      </div>

      <div class="so-panel">
        <h3 class="so-subtitle">{t('opt_export_heading')}</h3>
        <p class="so-hint">{t('opt_export_hint')}</p>
        <div class="so-form-actions">
          <button type="button" class="so-button" disabled={sources.length === 0} onClick={download}>
            {t('opt_export_download')}
          </button>
          <button type="button" class="so-button" disabled={sources.length === 0} onClick={() => void copy()}>
            {t('opt_export_copy')}
          </button>
        </div>
      </div>
    </section>
  );
}
