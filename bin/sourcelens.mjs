#!/usr/bin/env node
// SourceLens command line. Runs the TypeScript sources through tsx, so it works right after
// `npm ci` and when installed as a package.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
