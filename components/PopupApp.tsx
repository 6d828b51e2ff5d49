/**
 * The toolbar popup: the provenance of the page in the active tab (or the tab named by
 * `?tab=<id>` / `?url=<page url>`, used when popup.html is opened in a tab by end-to-end tests).
 *
 * It asks the content script for its report (`popup→content:get-report`), shows counts,
 * warnings, cited sources, unknown citations, repeated paragraphs, missing metadata and the
 * language, and can point the page at any of them (`show-citation`, `show-paragraphs`).
 * The site switch writes lib/settings to storage.local; the content script reacts to that
 * change by tearing down or rescanning, and the popup asks again until the page agrees.
 */
import { browser } from 'wxt/browser';
import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ContentStatus, PopupToContent, PopupToContentReplies } from '../lib/messages';
import { SETTINGS_KEY, isSiteEnabled, parseSettings, setSiteEnabled } from '../lib/settings';
import type { CitedSource, DuplicateCluster, PageReport, PageWarning, ReportCitation, ReuseMatch, Unresolved } from '../lib/types';
import {
  displayLocale,
  formatNumber,
  formatPercent,
  languageName,
  metadataFieldLabel,
  plural,
  t,
  warningSeverity,
  warningText,
} from './i18n';
import { Logo } from './Logo';
import { SourceCard, UnresolvedCard } from './SourceCard';
import { ExportMenu } from './export/ExportMenu';
import { OpenSidePanelButton } from './sidepanel/OpenSidePanelButton';
import { displayHost, isWebUrl } from './text';
import { DuplicateItem } from './sidepanel/DuplicateList';
import { duplicatePassages } from '../lib/passages';
import { StatusLine } from './StatusLine';

export type PopupState = 'loading' | 'on' | 'off' | 'unavailable';

type View =
  | { state: 'loading' }
  | { state: 'unavailable' }
  | { state: 'error'; message: string }
  | { state: 'off' }
  | { state: 'on'; report: PageReport };

export interface PopupAppProps {
  /** The query string naming the tab (`?tab=12` or `?url=https://…`); default `location.search`. */
  search?: string;
  /** Milliseconds between questions to the page while it is busy or switching. Default 400. */
  pollInterval?: number;
  /** How many times to ask before giving up. Default 40. */
  maxAttempts?: number;
}

interface Target {
  tabId: number | null;
  url: string | null;
}

function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

/** The tab the popup is about. */
async function findTarget(search: string, retryDelay: number): Promise<Target> {
  const params = new URLSearchParams(search);
  const tabParam = params.get('tab');
  const urlParam = params.get('url');
  if (tabParam && /^\d+$/.test(tabParam)) {
    const tabId = Number(tabParam);
    let url = urlParam;
    try {
      url = (await browser.tabs.get(tabId))?.url ?? url;
    } catch {
      // the tab's address is optional
    }
    return { tabId, url };
  }
  if (urlParam) {
    let tabs: Array<{ id?: number; url?: string }> = [];
    try {
      tabs = await browser.tabs.query({});
    } catch {
      tabs = [];
    }
    // Compare addresses ourselves: match patterns can't carry ports or queries everywhere.
    const wanted = withoutHash(urlParam);
    const byUrl = tabs.find((t) => t.url && withoutHash(t.url) === wanted);
    if (byUrl?.id !== undefined) return { tabId: byUrl.id, url: byUrl.url ?? urlParam };
    // Without the "tabs" permission the browser hides other tabs' addresses: ask their
    // content scripts instead, which report the page's address once they have a report.
    const unknown = tabs.filter((t) => t.id !== undefined && !t.url);
    let answers: Array<ContentStatus | null> = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      answers = await Promise.all(
        unknown.map(async (t) => {
          try {
            const reply = await sendToTab(t.id!, { type: 'popup→content:get-report' });
            return isContentStatus(reply) ? reply : null;
          } catch {
            return null;
          }
        }),
      );
      const i = answers.findIndex((a) => {
        const u = a && statusUrl(a);
        return !!u && withoutHash(u) === wanted;
      });
      if (i !== -1) return { tabId: unknown[i].id!, url: urlParam };
      // Still reading a page? Its address comes with its report: ask again shortly.
      if (!answers.some((a) => a?.state === 'on' && !a.report)) break;
      await new Promise((r) => setTimeout(r, retryDelay));
    }
    // Last resort: the only page with SourceLens in it.
    const answered = unknown.filter((_, i) => answers[i] !== null);
    return { tabId: answered.length === 1 ? answered[0].id! : null, url: urlParam };
  }
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return { tabId: tab?.id ?? null, url: tab?.url ?? null };
  } catch {
    return { tabId: null, url: null };
  }
}

/**
 * The page address a content script reports: the report's, or (if the content script adds
 * one) the `url` of an 'off' status.
 */
function statusUrl(status: ContentStatus): string | null {
  if (status.state === 'on') return status.report?.url ?? null;
  const url = (status as { url?: unknown }).url;
  return typeof url === 'string' ? url : null;
}

function isContentStatus(value: unknown): value is ContentStatus {
  if (typeof value !== 'object' || value === null) return false;
  const state = (value as { state?: unknown }).state;
  return state === 'on' || state === 'off' || state === 'error';
}

async function sendToTab<M extends PopupToContent>(
  tabId: number,
  message: M,
): Promise<PopupToContentReplies[M['type']] | undefined> {
  return (await browser.tabs.sendMessage(tabId, message, { frameId: 0 })) as PopupToContentReplies[M['type']] | undefined;
}

async function readSettings() {
  try {
    const stored = await browser.storage.local.get(SETTINGS_KEY);
    return parseSettings(stored?.[SETTINGS_KEY]);
  } catch {
    return parseSettings(null);
  }
}

export function PopupApp({ search, pollInterval = 400, maxAttempts = 40 }: PopupAppProps): JSX.Element {
  const [target, setTarget] = useState<Target | null>(null);
  const [view, setView] = useState<View>({ state: 'loading' });
  const [siteEnabled, setSiteEnabledState] = useState<boolean | null>(null);
  const [switching, setSwitching] = useState(false);
  // Each round of questions has a number; a newer round silences older ones.
  const round = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const targetRef = useRef<Target | null>(null);

  const stopPolling = () => {
    round.current++;
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  /** When the tab's address was hidden from us, take it from the content script's answer. */
  const learnUrl = async (tgt: Target, status: ContentStatus) => {
    const url = statusUrl(status);
    if (tgt.url || !url) return;
    tgt.url = url;
    targetRef.current = { ...tgt };
    setTarget(targetRef.current);
    const settings = await readSettings();
    setSiteEnabledState(isWebUrl(url) ? isSiteEnabled(settings, url) : null);
  };

  /** Ask the page for its status; repeat while it is busy or hasn't reached `expect` yet. */
  const poll = useCallback(
    (tgt: Target, expect: 'on' | 'off' | null, delay = 0) => {
      stopPolling();
      const mine = round.current;
      let attempt = 0;
      const ask = async () => {
        if (mine !== round.current) return;
        attempt++;
        let status: ContentStatus | null = null;
        if (tgt.tabId !== null) {
          try {
            const reply = await sendToTab(tgt.tabId, { type: 'popup→content:get-report' });
            status = isContentStatus(reply) ? reply : null;
          } catch {
            status = null;
          }
        }
        if (mine !== round.current) return;
        const again = attempt < maxAttempts;
        const retry = () => {
          timer.current = setTimeout(ask, pollInterval);
        };
        if (!status) {
          // A page that just loaded may not be listening yet: ask twice more before giving up.
          if (tgt.tabId !== null && attempt < Math.min(3, maxAttempts)) return retry();
          setView({ state: 'unavailable' });
          return;
        }
        if (status.state === 'error') {
          setView({ state: 'error', message: status.message });
          return;
        }
        if (status.state === 'off') {
          if (expect === 'on' && again) return retry();
          setView({ state: 'off' });
          await learnUrl(tgt, status);
          return;
        }
        if (!status.report || (expect === 'off' && again)) {
          setView({ state: 'loading' });
          if (again) return retry();
          setView({ state: 'unavailable' });
          return;
        }
        const report = status.report;
        setView({ state: 'on', report });
        await learnUrl(tgt, status);
      };
      timer.current = setTimeout(ask, delay);
    },
    [pollInterval, maxAttempts],
  );

  useEffect(() => {
    let alive = true;
    (async () => {
      const tgt = await findTarget(search ?? (typeof location !== 'undefined' ? location.search : ''), pollInterval);
      if (!alive) return;
      targetRef.current = tgt;
      setTarget(tgt);
      if (isWebUrl(tgt.url)) {
        const settings = await readSettings();
        if (!alive) return;
        setSiteEnabledState(isSiteEnabled(settings, tgt.url!));
      }
      poll(tgt, null);
    })();

    const onStorage = (changes: Record<string, unknown>, area: string) => {
      const url = targetRef.current?.url;
      if (area !== 'local' || !(SETTINGS_KEY in changes) || !isWebUrl(url)) return;
      const change = changes[SETTINGS_KEY] as { newValue?: unknown } | undefined;
      setSiteEnabledState(isSiteEnabled(parseSettings(change?.newValue), url!));
    };
    try {
      browser.storage.onChanged.addListener(onStorage);
    } catch {
      // no storage events: the switch still works, it just won't follow other windows
    }
    return () => {
      alive = false;
      stopPolling();
      try {
        browser.storage.onChanged.removeListener(onStorage);
      } catch {
        // ignore
      }
    };
  }, [search, poll, pollInterval]);

  const toggleSite = async () => {
    const tgt = targetRef.current;
    if (!tgt || !isWebUrl(tgt.url) || siteEnabled === null || switching) return;
    const next = !siteEnabled;
    setSwitching(true);
    setSiteEnabledState(next);
    try {
      const settings = setSiteEnabled(await readSettings(), tgt.url!, next);
      await browser.storage.local.set({ [SETTINGS_KEY]: settings });
    } catch {
      setSiteEnabledState(!next);
      setSwitching(false);
      return;
    }
    setSwitching(false);
    setView({ state: 'loading' });
    // The content script reacts to the storage change; give it a moment, then ask.
    poll(tgt, next ? 'on' : 'off', pollInterval);
  };

  const send = (message: PopupToContent) => {
    const tabId = targetRef.current?.tabId;
    if (tabId === null || tabId === undefined) return;
    sendToTab(tabId, message).catch(() => {
      // the page went away; nothing to show
    });
  };
  const showCitation = (citation: number) => send({ type: 'popup→content:show-citation', citation });
  const showParagraphs = (paragraphs: number[]) => send({ type: 'popup→content:show-paragraphs', paragraphs });

  const url = target?.url ?? null;
  const host = displayHost(url);
  const state: PopupState = view.state === 'error' ? 'unavailable' : view.state;

  return (
    <div class="sl-popup" data-view={view.state}>
      <header class="sl-header">
        <div class="sl-brand">
          <Logo size={28} />
          <h1 class="sl-title">{t('extName')}</h1>
        </div>
        <div class="sl-site-row">
          <span class="sl-site" title={url ?? undefined}>
            {host || t('site_unknown')}
          </span>
          <SiteSwitch
            checked={siteEnabled ?? false}
            disabled={siteEnabled === null || switching}
            onToggle={toggleSite}
          />
        </div>
      </header>

      <StatusLine state={view.state} stats={view.state === 'on' ? view.report.stats : undefined} testId="popup-state" dataState={state} />

      <div class="sl-tools" data-testid="popup-tools">
        <OpenSidePanelButton tabId={target?.tabId ?? null} />
        {view.state === 'on' && <ExportMenu report={view.report} />}
      </div>

      {view.state === 'unavailable' && (
        <Notice body={t('state_unavailable_body')} onRetry={target ? () => poll(target, null) : undefined} />
      )}
      {view.state === 'error' && (
        <Notice body={view.message} onRetry={target ? () => poll(target, null) : undefined} />
      )}
      {view.state === 'off' && <Notice body={t('state_off_body')} />}
      {view.state === 'on' && (
        <Report report={view.report} onShowCitation={showCitation} onShowParagraphs={showParagraphs} />
      )}

      <footer class="sl-footer">
        <p>{t('footer_local')}</p>
        {view.state === 'on' && view.report.registryVersion && (
          <p>{t('footer_registry', view.report.registryVersion)}</p>
        )}
      </footer>
    </div>
  );
}

function SiteSwitch({ checked, disabled, onToggle }: { checked: boolean; disabled: boolean; onToggle: () => void }) {
  const labelId = useId();
  return (
    <span class="sl-switch-wrap">
      <span id={labelId} class="sl-switch-label">
        {t('switch_label')}
      </span>
      <button
        type="button"
        role="switch"
        class="sl-switch"
        aria-checked={checked ? 'true' : 'false'}
        aria-labelledby={labelId}
        disabled={disabled}
        data-testid="popup-site-switch"
        onClick={onToggle}
      >
        <span class="sl-switch-track" aria-hidden="true">
          <span class="sl-switch-thumb" />
        </span>
        <span class="sl-switch-text" aria-hidden="true">
          {checked ? t('switch_on') : t('switch_off')}
        </span>
      </button>
    </span>
  );
}

function Notice({ body, onRetry }: { body: string; onRetry?: () => void }) {
  return (
    <div class="sl-notice">
      <p>{body}</p>
      {onRetry && (
        <button type="button" class="sl-button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

function Section({ title, children, class: className }: { title: string; children: ComponentChildren; class?: string }) {
  const id = useId();
  return (
    <section class={`sl-section${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 id={id} class="sl-section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

interface ReportProps {
  report: PageReport;
  onShowCitation: (id: number) => void;
  onShowParagraphs: (indices: number[]) => void;
}

function Report({ report, onShowCitation, onShowParagraphs }: ReportProps) {
  const unresolvedGroups = groupUnresolved(report.citations);
  return (
    <main class="sl-main">
      <section class="sl-section sl-summary" aria-labelledby="sl-summary-title">
        <h2 id="sl-summary-title" class="sl-visually-hidden">
          {t('section_summary')}
        </h2>
        <dl class="sl-stats">
          <div class="sl-stat">
            <dt>{t('count_citations')}</dt>
            <dd data-testid="popup-count-citations">{formatNumber(report.stats.citations)}</dd>
          </div>
          <div class="sl-stat sl-stat--resolved">
            <dt>{t('count_resolved')}</dt>
            <dd data-testid="popup-count-resolved">{formatNumber(report.stats.resolved)}</dd>
          </div>
          <div class={`sl-stat sl-stat--unresolved${report.stats.unresolved ? ' sl-stat--attention' : ''}`}>
            <dt>{t('count_unresolved')}</dt>
            <dd data-testid="popup-count-unresolved">{formatNumber(report.stats.unresolved)}</dd>
          </div>
        </dl>
        {report.stats.citations === 0 && <p class="sl-empty">{t('empty_citations')}</p>}
      </section>

      {report.publisher && (
        <Section title={t('section_publisher')} class="sl-publisher">
          <SourceCard source={report.publisher} compact headingLevel={3} />
        </Section>
      )}

      <Section title={t('section_warnings')}>
        {report.warnings.length ? (
          <ul class="sl-warnings">
            {report.warnings.map((w, i) => (
              <WarningItem key={`${w.code}-${i}`} warning={w} onShowCitation={onShowCitation} onShowParagraphs={onShowParagraphs} />
            ))}
          </ul>
        ) : (
          <p class="sl-empty">{t('no_warnings')}</p>
        )}
      </Section>

      {(report.sources.length > 0 || report.stats.citations > 0) && (
        <Section title={t('section_sources')}>
          {report.sources.length ? (
            <ul class="sl-sources">
              {report.sources.map((cited) => (
                <SourceItem key={cited.source.id} cited={cited} onShowCitation={onShowCitation} />
              ))}
            </ul>
          ) : (
            <p class="sl-empty">{t('no_sources')}</p>
          )}
        </Section>
      )}

      {unresolvedGroups.length > 0 && (
        <Section title={t('section_unresolved')}>
          <ul class="sl-unresolved">
            {unresolvedGroups.map((g) => (
              <li key={g.unresolved.key} class="sl-item" data-testid="popup-unresolved" data-key={g.unresolved.key}>
                <UnresolvedCard unresolved={g.unresolved} compact headingLevel={3} citedAs={g.marker} />
                <ShowCitations ids={g.citations} onShow={onShowCitation} />
              </li>
            ))}
          </ul>
        </Section>
      )}

      {report.duplicates.length > 0 && (
        <Section title={t('section_duplicates')}>
          <ul class="sl-duplicates">
            {duplicatePassages(report.duplicates).map((passage, i) => (
              <DuplicateItem key={i} passage={passage} pageLang={report.lang} onShow={onShowParagraphs} testId="popup" words={12} />
            ))}
          </ul>
        </Section>
      )}

      {report.reuse && report.reuse.length > 0 && (
        <Section title={t('section_reuse')} class="sl-reuse">
          <p class="sl-empty">{t('reuse_intro')}</p>
          <ul class="sl-duplicates" data-testid="popup-reuse-list">
            {report.reuse.map((match) => (
              <ReuseItem key={match.paragraph} match={match} pageLang={report.lang} onShow={onShowParagraphs} />
            ))}
          </ul>
        </Section>
      )}

      {report.missingMetadata.length > 0 && (
        <Section title={t('section_metadata')}>
          <ul class="sl-plain-list">
            {report.missingMetadata.map((m, i) => (
              <li key={i} data-testid="popup-missing" data-field={m.field}>
                {m.label
                  ? t('meta_missing', [metadataFieldLabel(m.field), m.label])
                  : t(m.field === 'author' ? 'meta_absent_author' : 'meta_absent_published')}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section title={t('section_language')}>
        <LanguageFacts lang={report.lang} htmlLang={report.htmlLang} />
      </Section>
    </main>
  );
}

function WarningItem({
  warning,
  onShowCitation,
  onShowParagraphs,
}: {
  warning: PageWarning;
  onShowCitation: (id: number) => void;
  onShowParagraphs: (indices: number[]) => void;
}) {
  const severity = warningSeverity(warning.code);
  const citation = warning.citations?.[0];
  const paragraphs = warning.paragraphs ?? [];
  const onShow =
    citation !== undefined
      ? () => onShowCitation(citation)
      : paragraphs.length
        ? () => onShowParagraphs(paragraphs)
        : null;
  return (
    <li class={`sl-warning sl-warning--${severity}`} data-testid="popup-warning" data-code={warning.code}>
      <SeverityIcon severity={severity} />
      <p class="sl-warning-text">
        <span class="sl-visually-hidden">{severity === 'warning' ? t('severity_warning') : t('severity_info')} </span>
        {warningText(warning)}
      </p>
      {onShow && (
        <button type="button" class="sl-link-button" aria-label={t('show_warning_label')} onClick={onShow}>
          {t('show')}
        </button>
      )}
    </li>
  );
}

function SeverityIcon({ severity }: { severity: 'warning' | 'info' }) {
  return (
    <svg class="sl-warning-icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      {severity === 'warning' ? (
        <>
          <path d="M10 2.5 18.5 17h-17z" fill="currentColor" />
          <path d="M10 7.5v4.5" stroke="var(--sl-on-icon)" stroke-width="1.8" stroke-linecap="round" />
          <circle cx="10" cy="14.4" r="1.05" fill="var(--sl-on-icon)" />
        </>
      ) : (
        <>
          <circle cx="10" cy="10" r="8" fill="currentColor" />
          <path d="M10 9v5" stroke="var(--sl-on-icon)" stroke-width="1.8" stroke-linecap="round" />
          <circle cx="10" cy="6.2" r="1.05" fill="var(--sl-on-icon)" />
        </>
      )}
    </svg>
  );
}

function SourceItem({ cited, onShowCitation }: { cited: CitedSource; onShowCitation: (id: number) => void }) {
  const [expanded, setExpanded] = useState(false);
  const cardId = useId();
  return (
    <li class="sl-item" data-testid="popup-source" data-source-id={cited.source.id} data-count={cited.count}>
      <SourceCard source={cited.source} compact={!expanded} count={cited.count} headingLevel={3} id={cardId} />
      <div class="sl-actions">
        <button
          type="button"
          class="sl-button sl-button--quiet"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={cardId}
          onClick={() => setExpanded(!expanded)}
        >
          <span class="sl-chevron" aria-hidden="true" />
          {t('details')}
        </button>
        <ShowCitations ids={cited.citations} onShow={onShowCitation} />
      </div>
    </li>
  );
}

function ShowCitations({ ids, onShow }: { ids: number[]; onShow: (id: number) => void }) {
  if (!ids.length) return null;
  return (
    <span class="sl-show-group">
      <span class="sl-show-label" aria-hidden="true">
        {t('show_in_page')}
      </span>
      {ids.map((id, i) => (
        <button
          key={id}
          type="button"
          class="sl-chip-button"
          data-testid="popup-show-citation"
          data-citation={id}
          aria-label={t('show_citation_n', [formatNumber(i + 1), formatNumber(ids.length)])}
          onClick={() => onShow(id)}
        >
          {formatNumber(i + 1)}
        </button>
      ))}
    </span>
  );
}

/** A date and time in the UI language ("27 Nov 2026, 10:04"). */
function formatSeenAt(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(displayLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** A paragraph of this page seen before on another site: where (site, address) and when. */
function ReuseItem({
  match,
  pageLang,
  onShow,
}: {
  match: ReuseMatch;
  pageLang: string | null;
  onShow: (indices: number[]) => void;
}) {
  const more = match.sites - 1;
  return (
    <li
      class="sl-item sl-duplicate sl-reuse-item"
      data-testid="popup-reuse"
      data-site={match.site}
      data-url={match.url}
      data-seen-at={match.seenAt}
    >
      <div class="sl-duplicate-head">
        <span class="sl-badge sl-badge--kind">{match.site}</span>
        <span class="sl-duplicate-measure">{t('dup_similarity', formatPercent(match.similarity))}</span>
        <button
          type="button"
          class="sl-button sl-button--small"
          data-testid="popup-reuse-show"
          aria-label={t('reuse_show_label')}
          onClick={() => onShow([match.paragraph])}
        >
          {t('show')}
        </button>
      </div>
      <ul class="sl-duplicate-paragraphs">
        <li>
          <q class="sl-opening" lang={pageLang ?? undefined}>
            {match.opening}
          </q>
        </li>
        <li data-testid="popup-reuse-seen">
          {t('reuse_seen_on', [match.site, formatSeenAt(match.seenAt)])}
          {more > 0 && ` (${t(plural('reuse_more_sites', more), formatNumber(more))})`}
        </li>
        <li>
          <span class="sl-tag">{t('reuse_page')}</span>{' '}
          {isWebUrl(match.url) ? (
            <a href={match.url} target="_blank" rel="noopener noreferrer" data-testid="popup-reuse-url">
              {match.url}
            </a>
          ) : (
            <span data-testid="popup-reuse-url">{match.url}</span>
          )}
        </li>
      </ul>
    </li>
  );
}

function LanguageFacts({ lang, htmlLang }: { lang: string | null; htmlLang: string | null }) {
  const base = (tag: string | null) => (tag ? tag.toLowerCase().split(/[-_]/)[0] : null);
  const differ = lang !== null && htmlLang !== null && base(lang) !== base(htmlLang);
  return (
    <>
      <dl class="sl-lang" data-testid="popup-language">
        <div>
          <dt>{t('lang_article')}</dt>
          <dd data-lang={lang ?? ''}>{lang ? languageName(lang) : t('lang_not_detected')}</dd>
        </div>
        <div>
          <dt>{t('lang_declared')}</dt>
          <dd data-lang={htmlLang ?? ''}>
            {htmlLang ? `${languageName(htmlLang)} (${htmlLang})` : t('lang_not_declared')}
          </dd>
        </div>
      </dl>
      {differ && <p class="sl-lang-mismatch">{t('lang_mismatch')}</p>}
    </>
  );
}

interface UnresolvedGroup {
  unresolved: Unresolved;
  marker: string;
  citations: number[];
}

/** Unknown sources, one entry per key, with the citations that name it. */
function groupUnresolved(citations: ReportCitation[]): UnresolvedGroup[] {
  const groups = new Map<string, UnresolvedGroup>();
  for (const c of citations) {
    for (const u of c.unresolved) {
      const key = u.key.toLowerCase();
      const group = groups.get(key);
      if (group) {
        if (!group.citations.includes(c.id)) group.citations.push(c.id);
      } else {
        groups.set(key, { unresolved: u, marker: c.marker, citations: [c.id] });
      }
    }
  }
  return [...groups.values()];
}
