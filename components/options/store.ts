/**
 * The options page's access to the browser: storage (the user's sources, the settings), the
 * background (registry facts, by message) and the extension's version. Every `browser.*`
 * call happens inside a function, never when the module loads.
 */
import { browser } from 'wxt/browser';
import type { Source } from '../../lib/registry/schema';
import { SETTINGS_KEY, parseSettings, type Settings } from '../../lib/settings';
import {
  USER_SOURCES_KEY,
  loadUserSources,
  saveUserSources,
  type LoadedUserSources,
  type StorageAreaLike,
} from '../../lib/user-sources';
import type { OptionsToBackground, OptionsToBackgroundReplies } from '../../lib/options-messages';
import type { OptionsToBackgroundReuse, OptionsToBackgroundReuseReplies } from '../../lib/messages';

function area(): StorageAreaLike {
  return browser.storage.local as unknown as StorageAreaLike;
}

export function readUserSources(): Promise<LoadedUserSources> {
  return loadUserSources(area());
}

export function writeUserSources(sources: readonly Source[]): Promise<void> {
  return saveUserSources(area(), sources);
}

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored?.[SETTINGS_KEY]);
}

export async function writeSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

/** Calls `onChange` with the key when the user's sources or the settings change elsewhere. */
export function watchStorage(onChange: (key: typeof USER_SOURCES_KEY | typeof SETTINGS_KEY) => void): () => void {
  const listener = (changes: Record<string, unknown>, areaName: string) => {
    if (areaName !== 'local') return;
    if (USER_SOURCES_KEY in changes) onChange(USER_SOURCES_KEY);
    if (SETTINGS_KEY in changes) onChange(SETTINGS_KEY);
  };
  try {
    browser.storage.onChanged.addListener(listener);
  } catch {
    return () => {};
  }
  return () => {
    try {
      browser.storage.onChanged.removeListener(listener);
    } catch {
      // ignore
    }
  };
}

/** Asks the background; rejects when it does not answer. */
export async function ask<M extends OptionsToBackground>(message: M): Promise<OptionsToBackgroundReplies[M['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as OptionsToBackgroundReplies[M['type']] | undefined;
  if (reply === undefined) throw new Error(`No answer to ${message.type}`);
  return reply;
}

/** Asks the background about the stored paragraph fingerprints (lib/reuse); rejects without an answer. */
export async function askReuse<M extends OptionsToBackgroundReuse>(message: M): Promise<OptionsToBackgroundReuseReplies[M['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as OptionsToBackgroundReuseReplies[M['type']] | undefined;
  if (reply === undefined || reply === null) throw new Error(`No answer to ${message.type}`);
  return reply;
}

/** The extension's version from its manifest, or '' when unknown. */
export function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version ?? '';
  } catch {
    return '';
  }
}
