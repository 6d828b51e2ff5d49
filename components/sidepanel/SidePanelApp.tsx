/**
 * The side panel (Chrome `side_panel`, Firefox `sidebar_action`): the citations of the page in
 * the window's active tab as a sortable, filterable table, the repeated paragraphs, and the
 * exports. It follows the active tab (components/sidepanel/useTabReport); `?tab=<id>` pins it
 * to one tab, as the popup's `?tab=` does.
 *
 * A row (click, or Enter on the focused row) sends `popup→content:show-citation` to the tab:
 * the page scrolls there, flashes the marker and opens its card; the panel shows the
 * citation's sources below the table.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { PageReport } from '../../lib/types';
import { ExportMenu } from '../export/ExportMenu';
import { t } from '../i18n';
import { Logo } from '../Logo';
import { CitationCard } from '../SourceCard';
import { StatusLine } from '../StatusLine';
import { displayHost } from '../text';
import { CitationTable } from './CitationTable';
import { DuplicateList } from './DuplicateList';
import { EditorView, useSelectionCheck } from './EditorView';
import { useTabReport, type TabReportOptions } from './useTabReport';

export type SidePanelAppProps = TabReportOptions;

export function SidePanelApp(props: SidePanelAppProps): JSX.Element {
  const { tabId, view, refreshing, refresh, send } = useTabReport(props);
  const report = view.state === 'on' ? view.report : null;
  const url = report?.url ?? (view.state === 'off' ? view.url : null);
  const pageKey = `${tabId ?? ''}|${report?.url ?? ''}`;
  // The citation last shown, for the page it was shown on (another page has none selected).
  const [shown, setShown] = useState<{ page: string; id: number } | null>(null);
  const selected = shown && shown.page === pageKey ? shown.id : null;

  const showCitation = (citation: number) => {
    setShown({ page: pageKey, id: citation });
    void send({ type: 'popup→content:show-citation', citation });
  };
  const showParagraphs = (paragraphs: number[]) => {
    void send({ type: 'popup→content:show-paragraphs', paragraphs });
  };
  // "Check selection" (context menu): its result, for this tab, until dismissed.
  const selection = useSelectionCheck(tabId);

  return (
    <div class="sl-sidepanel" data-view={view.state} aria-busy={view.state === 'loading' || refreshing ? 'true' : 'false'}>
      <header class="sl-header">
        <div class="sl-brand">
          <Logo size={24} />
          <h1 class="sl-title">{t('extName')}</h1>
        </div>
        <div class="sl-site-row">
          <span class="sl-site" title={url ?? undefined} data-testid="sp-site">
            {displayHost(url) || t('site_unknown')}
          </span>
          <button
            type="button"
            class="sl-button sl-button--small sl-button--quiet"
            data-testid="sp-refresh"
            disabled={tabId === null}
            onClick={refresh}
          >
            {t('sp_refresh')}
          </button>
        </div>
      </header>

      <StatusLine state={view.state} stats={view.state === 'on' ? view.report.stats : undefined} testId="sp-state" />

      {(view.state === 'unavailable' || view.state === 'no-tab') && <Notice body={t('state_unavailable_body')} />}
      {view.state === 'error' && <Notice body={view.message} />}
      {view.state === 'off' && <Notice body={t('state_off_body')} />}

      {selection.check && (
        <Section title={t('editor_title')} testId="sp-editor-section">
          <EditorView
            report={selection.check.report}
            source="selection"
            truncated={selection.check.truncated}
            onShowPage={report ? selection.dismiss : undefined}
          />
        </Section>
      )}

      {report && (
        <main class="sl-main">
          <Section title={t('sp_section_citations')} testId="sp-citations">
            <CitationTable key={pageKey} report={report} selected={selected} onShow={showCitation} />
            <Selected report={report} id={selected} />
          </Section>
          <Section title={t('export_title')} testId="sp-export" hiddenTitle>
            <ExportMenu report={report} />
          </Section>
          {report.duplicates.length > 0 && (
            <Section title={t('section_duplicates')} testId="sp-duplicates">
              <DuplicateList clusters={report.duplicates} pageLang={report.lang} onShow={showParagraphs} />
            </Section>
          )}
          {!selection.check && (
            // Folded by default: the editor's checklist for the whole page.
            <details class="sl-section sl-editor-details" data-testid="sp-editor-section">
              <summary class="sl-section-title">{t('editor_title')}</summary>
              <EditorView report={report} source="page" onShowCitation={showCitation} />
            </details>
          )}
        </main>
      )}

      <footer class="sl-footer">
        <p>{t('footer_local')}</p>
        {report?.registryVersion && <p>{t('footer_registry', report.registryVersion)}</p>}
      </footer>
    </div>
  );
}

function Section({
  title,
  testId,
  hiddenTitle = false,
  children,
}: {
  title: string;
  testId: string;
  hiddenTitle?: boolean;
  children: ComponentChildren;
}) {
  const id = useId();
  return (
    <section class="sl-section" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} class={hiddenTitle ? 'sl-visually-hidden' : 'sl-section-title'}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Notice({ body }: { body: string }) {
  return (
    <div class="sl-notice">
      <p>{body}</p>
    </div>
  );
}

/** The sources of the citation last shown in the page. */
function Selected({ report, id }: { report: PageReport; id: number | null }) {
  const headingId = useId();
  const citation = id === null ? undefined : report.citations.find((c) => c.id === id);
  if (!citation) return null;
  return (
    <section class="sl-selected" aria-labelledby={headingId} data-testid="sp-selected" data-citation={citation.id}>
      <h3 id={headingId} class="sl-selected-title">
        {t('sp_selected')}
      </h3>
      <CitationCard citation={citation} headingLevel={4} />
    </section>
  );
}
