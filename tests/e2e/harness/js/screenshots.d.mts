export function saveScreenshot(
  page: { screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown> },
  name: string,
  options?: { fullPage?: boolean; sub?: string },
): Promise<string>;
