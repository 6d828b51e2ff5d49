/**
 * The in-page hovercard: a citation's sources, rendered with Preact into the overlay's shadow
 * root. Everything from the page arrives as text (Preact text nodes), never as HTML.
 */
import { render } from 'preact';
import cardCss from '../styles/card.css?inline';
import hovercardCss from './hovercard.css?inline';
import type { PageWarning, ReportCitation, SourceInfo } from '../../lib/types';
import { CitationCard, sourceSummary } from '../SourceCard';
import { sourceWarningText, t } from '../i18n';
import type { CardRenderer } from './overlay';

export const CARD_CSS = cardCss + hovercardCss;

function Hovercard({ citation, warnings, close }: { citation: ReportCitation | null; warnings: PageWarning[]; close: () => void }) {
  return (
    <div class="sl-hovercard" data-testid="sourcelens-hovercard">
      <div class="sl-hovercard-bar">
        <span>SourceLens</span>
        <button type="button" class="sl-hovercard-close" onClick={close}>
          {t('overlay_close')}
        </button>
      </div>
      {/* Why the citation is marked as flagged, before who the source is (no box for a warning it cannot word). */}
      {warnings.map(sourceWarningText).filter(Boolean).map((text) => (
        <p class="sl-hovercard-flag">{text}</p>
      ))}
      {citation ? <CitationCard citation={citation} headingLevel={2} /> : <p aria-live="polite">{t('state_loading')}</p>}
    </div>
  );
}

/** `warningsOf`: the report's warnings that flag the citation (its source), said at the top. */
export function createCardRenderer(
  getCitation: (id: number) => ReportCitation | null,
  warningsOf: (id: number) => PageWarning[] = () => [],
): CardRenderer {
  return {
    render(container, id, close) {
      render(<Hovercard citation={getCitation(id)} warnings={warningsOf(id)} close={close} />, container);
    },
    clear(container) {
      render(null, container);
    },
  };
}

/** Accessible name of a citation's marker: what it says and, once known, who the source is. */
export function markerLabel(citation: ReportCitation | null, marker: string): string {
  const base = t('overlay_citation_label', marker);
  if (!citation) return base;
  const names = citation.sources.map((s, i) => (s ? summaryOf(s) : `${citation.parts[i]?.key ?? ''}: ${t('unresolved_title')}`));
  return `${base}: ${names.join('; ')}`;
}

/** "Name (type · scope · country)", once per source object (a report's citations share them). */
const summaries = new WeakMap<SourceInfo, string>();
function summaryOf(s: SourceInfo): string {
  let text = summaries.get(s);
  if (text === undefined) summaries.set(s, (text = `${s.name} (${sourceSummary(s)})`));
  return text;
}
