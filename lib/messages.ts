/**
 * The extension's one message protocol, named by direction (sender→receiver).
 * Every message is a plain object with a `type`; each has a typed reply.
 */
import type { PageFacts, PageReport } from './types';
import type { WireReport } from './transfer';

/** Content script → background: resolve the page's facts into a report (also sets the badge). */
export interface ContentToBackgroundResolve {
  type: 'content→background:resolve';
  facts: PageFacts;
  /**
   * The background finds the duplicate clusters among `facts.paragraphs` (the content script
   * sends `duplicates: []`): hashing a page's text is done off the page's main thread, and
   * lib/duplicates stays out of the content script.
   */
  computeDuplicates?: true;
  /**
   * Only when the opt-in setting `crossPageReuse` is on (and not in a private window): the
   * background fingerprints `facts.paragraphs` (lib/reuse/signature), compares them with the
   * pages seen before, remembers the fingerprints — never the text — (lib/reuse/service) and puts
   * the matches in the report's `reuse`.
   */
  reuse?: true;
}
/** Content script → background: the page is off (site switched off or torn down); clear the badge. */
export interface ContentToBackgroundCleared {
  type: 'content→background:cleared';
}
export type ContentToBackground = ContentToBackgroundResolve | ContentToBackgroundCleared;
export interface ContentToBackgroundReplies {
  /** The report as lib/transfer sends it: citations by id, sources by id. */
  'content→background:resolve': WireReport;
  'content→background:cleared': true;
}

/** Popup (or side panel) → content script. */
export interface PopupToContentGetReport {
  type: 'popup→content:get-report';
}
/** Scroll to these paragraphs and flash them. */
export interface PopupToContentShowParagraphs {
  type: 'popup→content:show-paragraphs';
  paragraphs: number[];
}
/** Scroll to a citation, flash it and open its hovercard. */
export interface PopupToContentShowCitation {
  type: 'popup→content:show-citation';
  citation: number;
}
export type PopupToContent =
  | PopupToContentGetReport
  | PopupToContentShowParagraphs
  | PopupToContentShowCitation;

/** What the content script says about itself. */
export type ContentStatus =
  | { state: 'on'; report: PageReport | null }
  | { state: 'off'; url?: string; /** Why: the site is switched off, or the page opts out by meta tag. */ reason?: 'site' | 'page' }
  | { state: 'error'; message: string };

export interface PopupToContentReplies {
  'popup→content:get-report': ContentStatus;
  'popup→content:show-paragraphs': boolean;
  'popup→content:show-citation': boolean;
}

/** Options page → background: how many paragraph fingerprints are stored (lib/reuse). */
export interface OptionsToBackgroundReuseStats {
  type: 'options→background:reuse-stats';
}
/** Options page → background: forget every stored paragraph fingerprint. */
export interface OptionsToBackgroundReuseClear {
  type: 'options→background:reuse-clear';
}
export type OptionsToBackgroundReuse = OptionsToBackgroundReuseStats | OptionsToBackgroundReuseClear;
export interface OptionsToBackgroundReuseReplies {
  'options→background:reuse-stats': { fingerprints: number; pages: number; capacity: number };
  'options→background:reuse-clear': true;
}

/** Background → content script (top frame): the keyboard shortcut hides or shows this page's marks. */
export interface BackgroundToContentToggleOverlay {
  type: 'background→content:toggle-overlay';
}
/**
 * Background → content script (the frame the context menu was used in): the selected text with
 * its line breaks (a context menu's `selectionText` may have lost them).
 */
export interface BackgroundToContentGetSelection {
  type: 'background→content:get-selection';
}
export type BackgroundToContent = BackgroundToContentToggleOverlay | BackgroundToContentGetSelection;
export interface BackgroundToContentReplies {
  /** The page's marks are now shown (true) or hidden (false). */
  'background→content:toggle-overlay': boolean;
  'background→content:get-selection': string;
}

/** Side panel → background: the last "Check selection" result (lib/selection-check), or null. */
export interface PanelToBackgroundGetSelectionCheck {
  type: 'panel→background:get-selection-check';
}

export function isMessage<T extends { type: string }>(value: unknown, type: T['type']): value is T {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type;
}
