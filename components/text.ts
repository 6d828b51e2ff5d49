/** Small text helpers for the UI. Page text is only ever handled as strings and rendered as text. */

/** The first `count` words of a text, with "…" when there is more. */
export function openingWords(text: string, count = 12): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length <= count) return words.join(' ');
  return `${words.slice(0, count).join(' ')}…`;
}

/** A page address's hostname without "www.", or '' when it has none (about:, file:). */
export function displayHost(url: string | null | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Whether SourceLens can be switched on or off for a page address (web pages only). */
export function isWebUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
