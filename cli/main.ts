/**
 * `sourcelens` command line.
 *
 *   sourcelens scan [--format jsonl|json|csv|table] [--out FILE] [--registry FILE] <files or folders...>
 *   sourcelens registry stats [--format json|table] [--registry FILE]
 *
 * Exit codes: 0 every input reported; 1 some input failed (the others are still reported, each
 * failure named on stderr); 2 usage error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { collectPageFacts } from '../lib/collect';
import { buildReport, type Resolver } from '../lib/report';
import { PageReportSchema } from '../lib/report-schema';
import type { PageReport } from '../lib/types';
import { registryStats } from '../lib/registry/stats';
import { loadRegistryFile, loadBundledRegistry, type LoadedRegistry } from './registry';
import { parseHtml } from './parse';
import { formatCsv, formatTable } from './format';

export interface Io {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

const USAGE = `Usage:
  sourcelens scan [--format jsonl|json|csv|table] [--out FILE] [--registry FILE] <files or folders...>
  sourcelens registry stats [--format json|table] [--registry FILE]

scan      reports each saved HTML page (.html, .htm; folders are searched recursively)
--format  jsonl (default): one report per line; json: an array; csv: one row per citation;
          table: a summary per page
--out     write to FILE instead of standard output
--registry use this registry JSON instead of the bundled one
`;

class UsageError extends Error {}

interface Args {
  command: string[];
  format?: string;
  out?: string;
  registry?: string;
  inputs: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: [], inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') throw new UsageError('');
    else if (a === '--format' || a.startsWith('--format=')) args.format = value('--format');
    else if (a === '--out' || a.startsWith('--out=')) args.out = value('--out');
    else if (a === '--registry' || a.startsWith('--registry=')) args.registry = value('--registry');
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (args.command.length === 0 || (args.command[0] === 'registry' && args.command.length === 1)) args.command.push(a);
    else args.inputs.push(a);
  }
  return args;
}

export async function main(argv: string[], io: Io): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
    if (args.command[0] === 'scan') {
      if (args.inputs.length === 0) throw new UsageError('scan needs at least one file or folder');
      const format = args.format ?? 'jsonl';
      if (!['jsonl', 'json', 'csv', 'table'].includes(format)) throw new UsageError(`unknown format "${format}"`);
    } else if (args.command[0] === 'registry') {
      if (args.command[1] !== 'stats') throw new UsageError('registry takes the subcommand "stats"');
      if (args.format && !['json', 'table'].includes(args.format)) throw new UsageError(`unknown format "${args.format}"`);
    } else {
      throw new UsageError(args.command[0] ? `unknown command "${args.command[0]}"` : '');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) io.stderr.write(`sourcelens: ${error.message}\n`);
      io.stderr.write(USAGE);
      return 2;
    }
    throw error;
  }

  let registry: LoadedRegistry;
  try {
    registry = args.registry ? loadRegistryFile(args.registry) : loadBundledRegistry();
  } catch (error) {
    io.stderr.write(`sourcelens: ${(error as Error).message}\n`);
    return 2;
  }

  if (args.command[0] === 'registry') {
    const stats = registryStats(registry.registry);
    if ((args.format ?? 'table') === 'json') io.stdout.write(`${JSON.stringify(stats)}\n`);
    else io.stdout.write(formatStatsTable(stats));
    return 0;
  }
  return scan(args, registry.resolver, io);
}

async function scan(args: Args, resolver: Resolver, io: Io): Promise<number> {
  const format = args.format ?? 'jsonl';
  let files: string[];
  const failures: string[] = [];
  files = [];
  for (const input of args.inputs) {
    try {
      files.push(...listHtml(input));
    } catch (error) {
      failures.push(input);
      io.stderr.write(`sourcelens: ${input}: ${(error as Error).message}\n`);
    }
  }
  const out = args.out ? fs.createWriteStream(args.out, { encoding: 'utf8' }) : null;
  const write = (s: string) => (out ? out.write(s) : io.stdout.write(s));
  const reports: PageReport[] = [];
  for (const file of files) {
    try {
      const report = await scanFile(file, resolver);
      if (format === 'jsonl') write(`${JSON.stringify(report)}\n`);
      else reports.push(report);
    } catch (error) {
      failures.push(file);
      io.stderr.write(`sourcelens: ${file}: ${(error as Error).message}\n`);
    }
  }
  if (format === 'json') write(`${JSON.stringify(reports, null, 2)}\n`);
  else if (format === 'csv') write(formatCsv(reports));
  else if (format === 'table') write(formatTable(reports));
  if (out) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return failures.length > 0 ? 1 : 0;
}

/** Reports one saved page; the report is validated against the published schema. */
export async function scanFile(file: string, resolver: Resolver): Promise<PageReport> {
  const html = fs.readFileSync(file, 'utf8');
  const page = parseHtml(html);
  try {
    const { facts } = collectPageFacts(page.document);
    const report = buildReport(facts, resolver, { input: file });
    const checked = PageReportSchema.safeParse(report);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(`internal error: report does not match its schema at ${issue.path.join('.')}: ${issue.message}`);
    }
    return report;
  } finally {
    await page.close();
  }
}

function listHtml(input: string): string[] {
  const stat = fs.statSync(input);
  if (stat.isFile()) return [input];
  if (!stat.isDirectory()) throw new Error('not a file or folder');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.html?$/i.test(entry.name)) out.push(full);
    }
  };
  walk(input);
  return out;
}

function formatStatsTable(stats: ReturnType<typeof registryStats>): string {
  const lines = [`sources: ${stats.sources}`, '', 'by country:'];
  for (const [k, v] of Object.entries(stats.byCountry).sort((a, b) => b[1] - a[1])) lines.push(`  ${k.padEnd(6)} ${v}`);
  lines.push('', 'by type:');
  for (const [k, v] of Object.entries(stats.byType).sort((a, b) => b[1] - a[1])) lines.push(`  ${k.padEnd(18)} ${v}`);
  lines.push('', 'by dataset:');
  for (const [k, v] of Object.entries(stats.byDataset).sort((a, b) => b[1] - a[1])) lines.push(`  ${k.padEnd(28)} ${v}`);
  return `${lines.join('\n')}\n`;
}
