/**
 * The side panel's Editor view: what a draft should fix before it goes live.
 *
 * - citations whose source is unknown, each with the registry's close entries ("did you mean");
 * - paragraphs that repeat each other (numbers from 1, with their opening words);
 * - for a whole page (not a selection): metadata the page promises but leaves empty
 *   ("Veröffentlicht am" with nothing after it) or, in an article, gives nowhere ("No author
 *   found": an entry with an empty label), and `<html lang>` missing or disagreeing with the
 *   language of the text.
 *
 * It shows either the page's report (the one the panel already has) or the last "Check
 * selection" result (lib/selection-check). Everything is rendered as text.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SELECTION_CHECK_KEY, isSelectionCheck, type SelectionCheck } from '../../lib/selection-check';
import type { PageReport } from '../../lib/types';
import { formatList, languageName, reasonText, t } from '../i18n';

export interface EditorViewProps {
  report: PageReport;
  /** 'selection': the report is of a selected text (no page details are checked). */
  source: 'page' | 'selection';
  /** The selection was cut (lib/selection-check MAX_SELECTION_CHARS). */
  truncated?: boolean;
  /** For a selection: leave it and show the page's report instead. */
  onShowPage?: () => void;
  /** Show a citation in the page (page reports only). */
  onShowCitation?: (id: number) => void;
}

export interface LanguageIssue {
  kind: 'mismatch' | 'missing';
  declared: string | null;
  detected: string;
}

/** `<html lang>` missing or disagreeing with the text's language; null when fine or unknown. */
export function languageIssue(report: Pick<PageReport, 'lang' | 'htmlLang'>): LanguageIssue | null {
  const detected = primaryLanguage(report.lang);
  if (!detected) return null;
  const declared = primaryLanguage(report.htmlLang);
  if (!declared) return { kind: 'missing', declared: null, detected };
  return declared === detected ? null : { kind: 'mismatch', declared, detected };
}

export function EditorView({ report, source, truncated = false, onShowPage, onShowCitation }: EditorViewProps): JSX.Element {
  const unresolved = report.citations.filter((c) => c.unresolved.length > 0);
  const duplicates = report.duplicates;
  const page = source === 'page';
  const missing = page ? report.missingMetadata : [];
  const lang = page ? languageIssue(report) : null;
  const clear = unresolved.length === 0 && duplicates.length === 0 && missing.length === 0 && !lang;

  return (
    <div class="sl-editor" data-testid="sp-editor" data-source={source}>
      <p class="sl-editor-source" data-testid="sp-editor-source">
        {page ? t('editor_from_page') : t('editor_from_selection')}
        {!page && onShowPage && (
          <>
            {' '}
            <button type="button" class="sl-button sl-button--small sl-button--quiet" data-testid="sp-editor-page" onClick={onShowPage}>
              {t('editor_show_page')}
            </button>
          </>
        )}
      </p>
      {truncated && <p class="sl-editor-note">{t('editor_truncated')}</p>}

      {clear && (
        <p class="sl-editor-clear" data-testid="sp-editor-clear">
          {t('editor_all_clear')}
        </p>
      )}

      {unresolved.length > 0 && (
        <Group title={t('editor_unresolved_title')} testId="sp-editor-unresolved">
          {unresolved.map((c) => (
            <li key={c.id} data-citation={c.id}>
              {page && onShowCitation ? (
                <button type="button" class="sl-link sl-marker" onClick={() => onShowCitation(c.id)}>
                  {c.marker}
                </button>
              ) : (
                <span class="sl-marker">{c.marker}</span>
              )}
              <ul class="sl-editor-parts">
                {c.unresolved.map((u, i) => (
                  <li key={i} data-testid="sp-editor-part">
                    <span class="sl-unknown-key">{u.key}</span>: {reasonText(u.reason)}{' '}
                    <span data-testid="sp-editor-suggestion">
                      {u.suggestions?.length
                        ? t('editor_did_you_mean', formatList(u.suggestions.map((s) => s.name), 'disjunction'))
                        : t('editor_no_suggestion')}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </Group>
      )}

      {duplicates.length > 0 && (
        <Group title={t('editor_duplicates_title')} testId="sp-editor-duplicates">
          {duplicates.map((d, i) => (
            <li key={i} data-kind={d.kind}>
              {t('editor_duplicate_item', formatList(d.paragraphs.map((p) => String(p.index + 1))))}
              <span class="sl-editor-opening"> “{openingWords(d.paragraphs[0]?.text ?? '')}”</span>
            </li>
          ))}
        </Group>
      )}

      {(missing.length > 0 || lang) && (
        <Group title={t('editor_page_title')} testId="sp-editor-page-details">
          {missing.map((m, i) => (
            <li key={`m${i}`} data-field={m.field} data-absent={m.label ? undefined : ''}>
              {m.label
                ? t('warn_missing_metadata', m.label)
                : t(m.field === 'author' ? 'meta_absent_author' : 'meta_absent_published')}
            </li>
          ))}
          {lang && (
            <li data-testid="sp-editor-lang" data-kind={lang.kind}>
              {lang.kind === 'missing'
                ? t('editor_lang_missing', languageName(lang.detected))
                : t('editor_lang_mismatch', [languageName(lang.declared), languageName(lang.detected)])}
            </li>
          )}
        </Group>
      )}
    </div>
  );
}

/**
 * The last "Check selection" result for this tab (or for any tab when `tabId` is null): asked of
 * the background on mount, then followed in storage.session. `dismiss` hides it (the page's
 * report shows instead) until the next check.
 */
export function useSelectionCheck(tabId: number | null): { check: SelectionCheck | null; dismiss: () => void } {
  const [check, setCheck] = useState<SelectionCheck | null>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const take = (value: unknown) => {
      if (live && isSelectionCheck(value)) setCheck(value);
    };
    try {
      void Promise.resolve(browser.runtime.sendMessage({ type: 'panel→background:get-selection-check' }))
        .then(take)
        .catch(() => {});
    } catch {
      // No background to ask (tests, a page outside the extension).
    }
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && SELECTION_CHECK_KEY in changes) take(changes[SELECTION_CHECK_KEY].newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  const forThisTab = check && (tabId === null || check.tabId === null || check.tabId === tabId) ? check : null;
  return {
    check: forThisTab && forThisTab.checkedAt !== dismissed ? forThisTab : null,
    dismiss: () => setDismissed(check?.checkedAt ?? null),
  };
}

/** "de-DE" → "de" (as lib/lang's primaryLanguage; not imported, to keep the panel's bundle small). */
function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** The first words of a paragraph (as lib/report's openingWords). */
function openingWords(text: string, words = 12): string {
  const parts = text.trim().split(/\s+/);
  return parts.length <= words ? parts.join(' ') : `${parts.slice(0, words).join(' ')} …`;
}

function Group({ title, testId, children }: { title: string; testId: string; children: ComponentChildren }) {
  const id = useId();
  return (
    <section class="sl-editor-group" aria-labelledby={id} data-testid={testId}>
      <h3 id={id} class="sl-selected-title">
        {title}
      </h3>
      <ul class="sl-editor-list">{children}</ul>
    </section>
  );
}
