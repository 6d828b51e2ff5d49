/**
 * Background: resolves pages' citations against the bundled registry (which stays out of the
 * content script) and keeps each tab's badge at its number of warnings.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isMessage, type ContentToBackgroundResolve } from '../lib/messages';
import { buildReport } from '../lib/report';
import { getResolver } from '../lib/registry/bundled';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const tabId = sender.tab?.id;
    if (isMessage<ContentToBackgroundResolve>(message, 'content→background:resolve')) {
      const report = buildReport(message.facts, getResolver());
      if (tabId !== undefined && sender.frameId === 0) void setBadge(tabId, report.warnings.length);
      return Promise.resolve(report);
    }
    if (isMessage(message, 'content→background:cleared')) {
      if (tabId !== undefined && sender.frameId === 0) void setBadge(tabId, 0);
      return Promise.resolve(true);
    }
    return undefined;
  });
});

async function setBadge(tabId: number, warnings: number): Promise<void> {
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: warnings > 0 ? '#b45309' : '#2563eb' });
    await browser.action.setBadgeText({ tabId, text: warnings > 0 ? String(warnings) : '' });
  } catch {
    // The tab closed meanwhile.
  }
}
