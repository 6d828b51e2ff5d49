/**
 * The two ways an export leaves the extension page: the clipboard and a downloaded file.
 * Both must run in a click handler (the clipboard needs the user's gesture). Neither uses
 * browser.* nor any permission: a Blob, an object URL and an <a download>.
 */

/**
 * Copies `text`. Tries the asynchronous Clipboard API, then the old `execCommand('copy')` on a
 * hidden textarea (side panels and popups that lost focus can refuse the former). Focus is
 * given back to where it was. Resolves to whether the text was copied.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator?.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the fallback
    }
  }
  const active = doc.activeElement as HTMLElement | null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.tabIndex = -1;
  Object.assign(area.style, { position: 'fixed', top: '0', left: '0', width: '1px', height: '1px', opacity: '0' });
  doc.body.append(area);
  let copied = false;
  try {
    area.focus({ preventScroll: true });
    area.select();
    copied = typeof doc.execCommand === 'function' && doc.execCommand('copy');
  } catch {
    copied = false;
  } finally {
    area.remove();
    active?.focus?.();
  }
  return copied;
}

/** Saves `text` as a file named `filename` (the browser's download, no permission needed). */
export function downloadText(text: string, filename: string, mimeType: string, doc: Document = document): void {
  const win = doc.defaultView ?? window;
  const blob = new win.Blob([text], { type: mimeType });
  const url = win.URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Give the browser time to start reading the blob before letting it go.
    win.setTimeout(() => win.URL.revokeObjectURL(url), 60_000);
  }
}
