export const projectRoot: string;
export function sharedDir(root?: string): string;
export function seedArticlePath(root?: string): string;
export function corpusDir(root?: string): string;
export function fixturePagesDir(root?: string): string;
export function extensionDir(browser: 'chromium' | 'firefox', root?: string): string;
export function artifactsDir(sub?: string, root?: string): string;
export function assertBuilt(dir: string, buildCommand: string): Record<string, any>;
