#!/usr/bin/env node
/**
 * Compares every message catalogue in public/_locales/<locale>/messages.json with the
 * English one (the source) and prints, per locale:
 *   - keys missing relative to en
 *   - extra keys en does not have
 *   - placeholder mismatches: different placeholder names or `content` values than en,
 *     a `$NAME$` used in the message but not defined, a defined placeholder not used,
 *     a stray `$` that is neither `$$`, `$NAME$` nor `$1`–`$9`
 *   - empty messages, and invalid JSON
 *   - extDescription longer than 132 characters (the stores' limit)
 *   - a `locale` message that is not the folder's code as a BCP 47 tag ("zh_CN" → "zh-CN"),
 *     since components/i18n.ts hands it to Intl (PluralRules, DisplayNames, …)
 * Notes that do not fail the check: descriptions that differ from en, keys in a different
 * order than en.
 *
 * Usage: node scripts/i18n-check.mjs [locale …]   (default: every locale folder)
 *        --quiet   print only locales with problems
 * Exits 1 if any locale has a problem, else 0. Plain Node, no dependencies.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCALES_DIR = join(ROOT, 'public', '_locales');
const SOURCE = 'en';

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const only = args.filter((a) => !a.startsWith('--'));

function read(locale) {
  const file = join(LOCALES_DIR, locale, 'messages.json');
  if (!existsSync(file)) return { error: `no messages.json in ${locale}/` };
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    if (!data || typeof data !== 'object' || Array.isArray(data)) return { error: 'not a JSON object' };
    return { data };
  } catch (e) {
    return { error: `invalid JSON: ${e.message}` };
  }
}

/** Placeholder names (lower-cased, as the browsers treat them) → content. */
function placeholders(entry) {
  const out = new Map();
  for (const [name, value] of Object.entries(entry?.placeholders ?? {})) {
    out.set(name.toLowerCase(), value?.content);
  }
  return out;
}

function referenced(message) {
  return new Set([...String(message).matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()));
}

function checkEntry(key, entry, enEntry) {
  const problems = [];
  if (!entry || typeof entry !== 'object' || typeof entry.message !== 'string') {
    return [`${key}: no "message" string`];
  }
  if (entry.message.trim() === '') problems.push(`${key}: empty message`);
  const mine = placeholders(entry);
  const theirs = placeholders(enEntry);
  for (const [name, content] of theirs) {
    if (!mine.has(name)) problems.push(`${key}: placeholder "${name}" missing`);
    else if (mine.get(name) !== content) {
      problems.push(`${key}: placeholder "${name}" content ${JSON.stringify(mine.get(name))}, en has ${JSON.stringify(content)}`);
    }
  }
  for (const name of mine.keys()) {
    if (!theirs.has(name)) problems.push(`${key}: extra placeholder "${name}"`);
  }
  const used = referenced(entry.message);
  for (const name of used) {
    if (!mine.has(name)) problems.push(`${key}: message uses undefined $${name.toUpperCase()}$`);
  }
  for (const name of mine.keys()) {
    if (!used.has(name)) problems.push(`${key}: message does not use $${name.toUpperCase()}$`);
  }
  const stripped = entry.message.replace(/\$\$|\$[A-Za-z0-9_@]+\$|\$\d/g, '');
  if (stripped.includes('$')) problems.push(`${key}: stray "$" in message`);
  // Positional $1… straight in the message must match en's use of them.
  const positional = (m) => [...String(m).matchAll(/(?<!\$)\$(\d)/g)].map((x) => x[1]).sort().join(',');
  const strippedNamed = (m) => String(m).replace(/\$\$|\$[A-Za-z0-9_@]+\$/g, '');
  if (positional(strippedNamed(entry.message)) !== positional(strippedNamed(enEntry.message))) {
    problems.push(`${key}: positional $n substitutions differ from en`);
  }
  return problems;
}

const enRead = read(SOURCE);
if (enRead.error) {
  console.error(`${SOURCE}: ${enRead.error}`);
  process.exit(1);
}
const en = enRead.data;
const enKeys = Object.keys(en);

const locales = readdirSync(LOCALES_DIR)
  .filter((d) => statSync(join(LOCALES_DIR, d)).isDirectory() && d !== SOURCE)
  .filter((d) => only.length === 0 || only.includes(d))
  .sort();
for (const missing of only.filter((l) => !locales.includes(l) && l !== SOURCE)) {
  console.log(`${missing}: no such locale folder`);
}

let failed = only.some((l) => !locales.includes(l) && l !== SOURCE);
console.log(`${SOURCE}: ${enKeys.length} keys (source)`);
for (const locale of locales) {
  const { data, error } = read(locale);
  if (error) {
    failed = true;
    console.log(`\n${locale}: ${error}`);
    continue;
  }
  const keys = Object.keys(data);
  const missing = enKeys.filter((k) => !(k in data));
  const extra = keys.filter((k) => !(k in en));
  const placeholderProblems = enKeys.filter((k) => k in data).flatMap((k) => checkEntry(k, data[k], en[k]));
  const descriptionNotes = enKeys.filter((k) => k in data && data[k]?.description !== en[k].description);
  const common = keys.filter((k) => k in en);
  const enOrder = enKeys.filter((k) => k in data);
  const outOfOrder = common.some((k, i) => k !== enOrder[i]);

  const otherProblems = [];
  const desc = data.extDescription?.message;
  if (typeof desc === 'string' && [...desc].length > 132) {
    otherProblems.push(`extDescription is ${[...desc].length} characters (at most 132)`);
  }
  const wantLocale = locale.replace(/_/g, '-');
  if (data.locale && data.locale.message !== wantLocale) {
    otherProblems.push(`locale is ${JSON.stringify(data.locale.message)}, expected ${JSON.stringify(wantLocale)}`);
  }

  const bad = otherProblems.length + missing.length + extra.length + placeholderProblems.length > 0;
  failed ||= bad;
  if (quiet && !bad) continue;
  console.log(`\n${locale}: ${keys.length} keys — ${bad ? 'PROBLEMS' : 'OK'}`);
  if (missing.length) console.log(`  missing (${missing.length}): ${missing.join(', ')}`);
  if (extra.length) console.log(`  extra (${extra.length}): ${extra.join(', ')}`);
  if (placeholderProblems.length) {
    console.log(`  placeholder/message problems (${placeholderProblems.length}):`);
    for (const p of placeholderProblems) console.log(`    ${p}`);
  }
  for (const p of otherProblems) console.log(`  ${p}`);
  if (descriptionNotes.length) {
    console.log(`  note: description differs from en (${descriptionNotes.length}): ${descriptionNotes.join(', ')}`);
  }
  if (outOfOrder) console.log('  note: keys are not in the same order as en');
}

console.log(failed ? '\ni18n-check: FAILED' : '\ni18n-check: all locales match en');
process.exit(failed ? 1 : 0);
