/** Screenshots into artifacts/e2e/ (gitignored). */
import { saveScreenshot } from './js/screenshots.mjs';

export { saveScreenshot };

/** Save `page` as artifacts/e2e/<name>.png; returns the path. */
export function screenshot(
  page: { screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown> },
  name: string,
  fullPage = false,
): Promise<string> {
  return saveScreenshot(page, name, { fullPage, sub: 'e2e' });
}
