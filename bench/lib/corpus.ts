/**
 * Bench inputs built from the shared corpus (<shared>/corpus): its pages, their paragraph text,
 * and deterministic synthetic paragraphs and pages made from that text (nothing large is
 * committed; generated pages go to artifacts/bench/, which is gitignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../../tests/e2e/harness/js/paths.mjs';

export const CORPUS_DIR = path.join(sharedDir(), 'corpus');
export const WIKIPEDIA_2 = path.join(CORPUS_DIR, 'readability/wikipedia-2/source.html');

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function corpusFiles(dir = CORPUS_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.html?$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : ' ';
    }
    return ENTITIES[e.toLowerCase()] ?? ' ';
  });
}

let cachedParagraphs: string[] | null = null;

/** Distinct paragraph texts (≥ 60 chars) of every corpus page, citation brackets removed. */
export function corpusParagraphs(): string[] {
  if (cachedParagraphs) return cachedParagraphs;
  const seen = new Set<string>();
  for (const f of corpusFiles()) {
    const html = fs.readFileSync(f, 'utf8');
    for (const m of html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)) {
      const text = decode(m[1].replace(/<[^>]+>/g, ''))
        .replace(/[[\]［］【】]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (text.length >= 60 && !seen.has(text)) seen.add(text);
    }
  }
  cachedParagraphs = [...seen];
  return cachedParagraphs;
}

let cachedSentences: string[] | null = null;

/** Sentences of the corpus paragraphs (split at . ! ? 。 followed by space or end). */
export function corpusSentences(): string[] {
  if (cachedSentences) return cachedSentences;
  const out: string[] = [];
  for (const p of corpusParagraphs()) {
    for (const s of p.split(/(?<=[.!?。])\s+/)) if (s.length >= 25 && s.length <= 400) out.push(s);
  }
  cachedSentences = out;
  return out;
}

export interface SynthOptions {
  seed?: number;
  /** Share of paragraphs that are near copies (one word changed) of an earlier one. */
  nearDupRate?: number;
  /** Share of exact copies of an earlier one. */
  exactDupRate?: number;
}

export interface SynthParagraph {
  index: number;
  tag: string;
  text: string;
}

/**
 * `n` paragraphs of 2–5 corpus sentences each (drawn at random, so unrelated paragraphs share
 * little), with near and exact duplicates of earlier paragraphs mixed in.
 */
export function synthParagraphs(n: number, options: SynthOptions = {}): SynthParagraph[] {
  const rand = rng(options.seed ?? 1);
  const sentences = corpusSentences();
  const near = options.nearDupRate ?? 0.02;
  const exact = options.exactDupRate ?? 0.01;
  const out: SynthParagraph[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    let text: string;
    if (i > 10 && r < exact) {
      text = out[Math.floor(rand() * i)].text;
    } else if (i > 10 && r < exact + near) {
      const words = out[Math.floor(rand() * i)].text.split(' ');
      words[Math.floor(rand() * words.length)] = 'changed';
      text = words.join(' ');
    } else {
      const k = 2 + Math.floor(rand() * 4);
      const parts: string[] = [];
      for (let j = 0; j < k; j++) parts.push(sentences[Math.floor(rand() * sentences.length)]);
      text = parts.join(' ');
    }
    out.push({ index: i, tag: 'p', text });
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Citation keys for synthetic pages: registry domains and names (so some resolve), agencies. */
export function citationKeys(registrySources: ReadonlyArray<{ name: string; domains: readonly string[] }>, seed = 7): string[] {
  const rand = rng(seed);
  const keys: string[] = ['dpa', 'AFP', 'Reuters', 'AP', 'Quelle: dpa', 'dpa/AFP'];
  for (let i = 0; i < 400; i++) {
    const s = registrySources[Math.floor(rand() * registrySources.length)];
    if (rand() < 0.6 && s.domains[0] && !s.domains[0].includes('/')) keys.push(s.domains[0]);
    else if (/^[\p{Lu}\p{Lo}][\p{L}\p{N} .&'-]{1,40}$/u.test(s.name)) keys.push(`Quelle: ${s.name}`);
  }
  keys.push('unknown-source-example.de', 'no-such-paper.fr');
  return keys;
}

export interface SyntheticPage {
  html: string;
  paragraphs: number;
  citations: number;
  numericRefs: number;
}

/**
 * An article page of about `targetBytes` of HTML: sections (h2) of corpus-sentence paragraphs
 * with inline markup, a citation about every `citeEvery` paragraphs ("[domain]", "[Quelle: Name]"
 * after a sentence, or a Wikipedia-style numeric reference "<sup><a href=#cite_note-N>[N]</a>"),
 * and a reference list for the numeric ones.
 */
export function syntheticPage(targetBytes: number, keys: string[], options: { seed?: number; citeEvery?: number } = {}): SyntheticPage {
  const rand = rng(options.seed ?? 11);
  const citeEvery = options.citeEvery ?? 4;
  const sentences = corpusSentences();
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SourceLens synthetic bench page</title>',
    '<meta name="author" content="Bench"><meta property="article:published_time" content="2026-11-01T10:00:00Z">',
    '</head><body><header><nav><a href="#">Home</a> <a href="#">World</a></nav></header><main><article><h1>A very long synthetic article</h1>',
  ];
  let bytes = parts.join('').length;
  let paragraphs = 0;
  let citations = 0;
  let refs = 0;
  const refUrls: string[] = [];
  const footer = 2000;
  while (bytes < targetBytes - footer) {
    let html: string;
    if (paragraphs % 25 === 0) {
      html = `<h2>${escapeHtml(sentences[Math.floor(rand() * sentences.length)].slice(0, 60))}</h2>\n`;
    } else {
      const k = 2 + Math.floor(rand() * 4);
      const ss: string[] = [];
      for (let j = 0; j < k; j++) {
        let s = escapeHtml(sentences[Math.floor(rand() * sentences.length)]);
        if (rand() < 0.25) s = s.replace(/^(\S+ \S+)/, '<b>$1</b>');
        if (rand() < 0.2) s = s.replace(/(\S+)$/, '<a href="#x">$1</a>');
        ss.push(s);
      }
      let body = ss.join(' ');
      if (paragraphs % citeEvery === 1) {
        citations++;
        if (rand() < 0.4) {
          refs++;
          const key = keys[Math.floor(rand() * keys.length)].replace(/^Quelle: /, '');
          refUrls.push(/\./.test(key) ? `https://${key}/article-${refs}` : `https://example.org/${refs}`);
          body += `<sup class="reference" id="cite_ref-${refs}"><a href="#cite_note-${refs}">[${refs}]</a></sup>`;
        } else {
          body += ` [${escapeHtml(keys[Math.floor(rand() * keys.length)])}]`;
        }
      }
      html = `<p>${body}</p>\n`;
    }
    parts.push(html);
    bytes += Buffer.byteLength(html);
    paragraphs++;
  }
  parts.push('<h2>References</h2><ol class="references">');
  refUrls.forEach((u, i) => parts.push(`<li id="cite_note-${i + 1}"><a href="${u}">${escapeHtml(u)}</a></li>`));
  parts.push('</ol></article></main><footer><p>Footer text of the synthetic page.</p></footer></body></html>\n');
  return { html: parts.join(''), paragraphs, citations, numericRefs: refs };
}
