// @ts-check
/** Save PNG screenshots into artifacts/<sub>/ (gitignored). */
import path from 'node:path';
import { artifactsDir } from './paths.mjs';

/**
 * @param {{ screenshot(options: { path: string, fullPage?: boolean }): Promise<unknown> }} page
 *   a Playwright or Puppeteer page
 * @param {string} name file name without extension
 * @param {{ fullPage?: boolean, sub?: string }} [options]
 * @returns {Promise<string>} the PNG's path
 */
export async function saveScreenshot(page, name, options = {}) {
  const file = path.join(artifactsDir(options.sub ?? 'e2e'), `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}
