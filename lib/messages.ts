/**
 * The extension's one message protocol, named by direction (sender→receiver).
 * Every message is a plain object with a `type`; each has a typed reply.
 */
import type { PageFacts, PageReport } from './types';

/** Content script → background: resolve the page's facts into a report (also sets the badge). */
export interface ContentToBackgroundResolve {
  type: 'content→background:resolve';
  facts: PageFacts;
}
/** Content script → background: the page is off (site switched off or torn down); clear the badge. */
export interface ContentToBackgroundCleared {
  type: 'content→background:cleared';
}
export type ContentToBackground = ContentToBackgroundResolve | ContentToBackgroundCleared;
export interface ContentToBackgroundReplies {
  'content→background:resolve': PageReport;
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

export function isMessage<T extends { type: string }>(value: unknown, type: T['type']): value is T {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type;
}
