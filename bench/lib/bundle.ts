import { build } from 'esbuild';
import { ROOT } from '../size';

/**
 * `exported` of the project module `module` (a path from the project root, "./lib/…"), bundled
 * into one minified script for a page or service worker, where it becomes `globalThis[global]`.
 */
export async function scriptExposing(module: string, exported: string, global: string): Promise<string> {
  const bundle = await build({
    stdin: {
      contents: `import { ${exported} } from '${module}'; globalThis.${global} = ${exported};`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    minify: true,
  });
  return bundle.outputFiles[0].text;
}
