/**
 * "Export" for the popup and the side panel: a disclosure button that reveals, per format
 * (JSON report, CSV of citations, CSL-JSON of cited sources), "Copy" and "Download".
 * What happened is said in a polite live region ("Copied CSV to the clipboard.").
 *
 * The texts come from lib/export (pure); components/export/actions does the copying and the
 * download. Everything runs inside the click handler, as the clipboard requires.
 */
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { EXPORT_MIME_TYPES, exportFilename, exportText, type ExportFormat } from '../../lib/export';
import type { PageReport } from '../../lib/types';
import { t, type MessageKey } from '../i18n';
import { copyText, downloadText } from './actions';
import './export.css';

export const EXPORT_FORMATS: ReadonlyArray<{ format: ExportFormat; name: string; description: MessageKey }> = [
  { format: 'json', name: 'JSON', description: 'export_json_desc' },
  { format: 'csv', name: 'CSV', description: 'export_csv_desc' },
  { format: 'csl', name: 'CSL-JSON', description: 'export_csl_desc' },
];

export interface ExportMenuProps {
  report: PageReport;
  /** Open from the start (the side panel has room). Default false. */
  defaultOpen?: boolean;
  /** For tests: the moment of the export. */
  now?: () => Date;
  /** For tests: replace the clipboard and the download. */
  actions?: { copy?: typeof copyText; download?: typeof downloadText };
}

type Status = { kind: 'ok' | 'error'; text: string } | null;

/** How long a status stays on screen. */
const STATUS_MS = 6000;

export function ExportMenu({ report, defaultOpen = false, now = () => new Date(), actions = {} }: ExportMenuProps): JSX.Element {
  const [open, setOpen] = useState(defaultOpen);
  const [status, setStatus] = useState<Status>(null);
  const panelId = useId();
  const headingId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const timers = useRef<Array<ReturnType<typeof setTimeout>>>([]);

  useEffect(
    () => () => {
      for (const id of timers.current) clearTimeout(id);
    },
    [],
  );

  const say = (next: Status) => {
    for (const id of timers.current) clearTimeout(id);
    // Empty the region first, so the same message twice in a row is announced twice.
    setStatus(null);
    timers.current = [setTimeout(() => setStatus(next), 30), setTimeout(() => setStatus(null), STATUS_MS)];
  };

  const copy = async (format: ExportFormat, name: string) => {
    let ok = false;
    try {
      ok = await (actions.copy ?? copyText)(exportText(report, format, now()));
    } catch {
      ok = false;
    }
    say(ok ? { kind: 'ok', text: t('export_copied', name) } : { kind: 'error', text: t('export_copy_failed') });
  };

  const download = (format: ExportFormat) => {
    const at = now();
    const filename = exportFilename(report, format, at);
    let text = exportText(report, format, at);
    // A byte order mark lets spreadsheet programs read the CSV as UTF-8 (accents, CJK).
    if (format === 'csv') text = `\uFEFF${text}`;
    try {
      (actions.download ?? downloadText)(text, filename, EXPORT_MIME_TYPES[format]);
      say({ kind: 'ok', text: t('export_downloaded', filename) });
    } catch {
      say({ kind: 'error', text: t('export_download_failed') });
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
      toggleRef.current?.focus();
    }
  };

  return (
    <div class="sl-export" onKeyDown={onKeyDown} data-testid="export">
      <button
        ref={toggleRef}
        type="button"
        class="sl-button sl-button--quiet"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={panelId}
        data-testid="export-toggle"
        onClick={() => setOpen(!open)}
      >
        <span class="sl-chevron" aria-hidden="true" />
        {t('export_title')}
      </button>
      <div id={panelId} class="sl-export-panel" hidden={!open}>
        <p id={headingId} class="sl-visually-hidden">
          {t('export_formats')}
        </p>
        <ul class="sl-export-list" aria-labelledby={headingId}>
          {EXPORT_FORMATS.map(({ format, name, description }) => (
            <li key={format} class="sl-export-item" data-format={format}>
              <span class="sl-export-what">
                <span class="sl-export-name">{name}</span>
                <span class="sl-export-desc">{t(description)}</span>
              </span>
              <span class="sl-export-actions">
                <button
                  type="button"
                  class="sl-button sl-button--small sl-button--quiet"
                  aria-label={t('export_copy_label', name)}
                  data-testid={`export-copy-${format}`}
                  onClick={() => void copy(format, name)}
                >
                  {t('export_copy')}
                </button>
                <button
                  type="button"
                  class="sl-button sl-button--small sl-button--quiet"
                  aria-label={t('export_download_label', name)}
                  data-testid={`export-download-${format}`}
                  onClick={() => download(format)}
                >
                  {t('export_download')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      </div>
      <p
        class={`sl-export-status${status ? ` sl-export-status--${status.kind}` : ''}`}
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="export-status"
        data-kind={status?.kind ?? ''}
      >
        {status?.text ?? ''}
      </p>
    </div>
  );
}
