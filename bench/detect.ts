/**
 * Citation detection on adversarial DOMs (section f of `npm run bench`), with happy-dom in a
 * child process (`node --import tsx bench/detect.ts --child`).
 *
 * Each case builds one document, then times (CPU, best of 3) `detectCitations(doc)` against the
 * floor over the same DOM: one TreeWalker pass over its text nodes plus one bracket scan of
 * their text (the same floor as the Chromium bench).
 *  - brackets: one paragraph of 200,000 "[" characters;
 *  - unclosed: "[" followed by 1 MB of corpus text and no "]";
 *  - nested: 2,000 nested <span>s, each with text and a "[dpa]" citation;
 *  - deep-blocks: 2,000 nested <div>s (each level a new block run), each with text + "[1]";
 *  - text-nodes: 10,000 paragraphs × 10 inline elements (100,000 text nodes, ~110,000 with the
 *    white space between paragraphs), a citation in every second paragraph.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { corpusSentences, escapeHtml } from './lib/corpus';
import { MB, timed, type Results } from './lib/report';
import { ROOT } from './size';

interface CaseResult {
  name: string;
  label: string;
  textNodes: number;
  chars: number;
  detectMs: number;
  floorMs: number;
  detections: number;
  error?: string;
}

const FLOOR = (doc: Document) => {
  const w = doc.createTreeWalker(doc.body, 4 /* SHOW_TEXT */);
  let nodes = 0;
  let chars = 0;
  let pairs = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const s = (n as Text).data;
    nodes++;
    chars += s.length;
    // One linear scan: a "[" and the next "]" within 121 characters make a candidate.
    let open = -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 91) open = i;
      else if (c === 93 && open >= 0) {
        if (i - open <= 121) pairs++;
        open = -1;
      }
    }
  }
  return { nodes, chars, pairs };
};

function best<T>(n: number, fn: () => T): { value: T; cpuMs: number } {
  let bestMs = Infinity;
  let value: T | undefined;
  for (let i = 0; i < n; i++) {
    const t = timed(fn);
    if (t.cpuMs < bestMs) bestMs = t.cpuMs;
    value = t.value;
  }
  return { value: value as T, cpuMs: bestMs };
}

async function child(): Promise<void> {
  const { Window } = await import('happy-dom');
  const { detectCitations } = await import('../lib/detect/index');
  const sentences = corpusSentences();
  const text = (n: number) => {
    let out = '';
    for (let i = 0; out.length < n; i++) out += sentences[i % sentences.length] + ' ';
    return out.slice(0, n);
  };
  const docFrom = (build: (doc: Document) => void) => {
    const window = new Window({ url: 'https://bench.invalid/', settings: { disableJavaScriptEvaluation: true } as never });
    const doc = window.document as unknown as Document;
    build(doc);
    return { doc, close: () => window.happyDOM.close() };
  };
  const cases: Array<{ name: string; label: string; build: (doc: Document) => void }> = [
    {
      name: 'brackets',
      label: '200,000 × "[" in one paragraph',
      build: (doc) => {
        const p = doc.createElement('p');
        p.textContent = '['.repeat(200_000);
        doc.body.append(p);
      },
    },
    {
      name: 'unclosed',
      label: '"[" + 1 MB of text, no "]"',
      build: (doc) => {
        const p = doc.createElement('p');
        p.textContent = 'Opening [' + text(MB);
        doc.body.append(p);
      },
    },
    {
      name: 'nested',
      label: '2,000 nested <span>s with "[dpa]"',
      build: (doc) => {
        let parent: Element = doc.createElement('p');
        doc.body.append(parent);
        for (let i = 0; i < 2000; i++) {
          const s = doc.createElement('span');
          s.append(doc.createTextNode(`${sentences[i % sentences.length]} [dpa] `));
          parent.append(s);
          parent = s;
        }
      },
    },
    {
      name: 'deep-blocks',
      label: '2,000 nested <div>s with "[1]"',
      build: (doc) => {
        let parent: Element = doc.body;
        for (let i = 0; i < 2000; i++) {
          const d = doc.createElement('div');
          d.append(doc.createTextNode(`${sentences[i % sentences.length]} [1] `));
          parent.append(d);
          parent = d;
        }
      },
    },
    {
      name: 'text-nodes',
      label: '110,000 text nodes (10k <p> × 10 inline)',
      build: (doc) => {
        const html: string[] = [];
        for (let i = 0; i < 10_000; i++) {
          const words = escapeHtml(sentences[i % sentences.length]).split(' ');
          const parts: string[] = [];
          for (let k = 0; k < 9; k++) parts.push(`<b>${words[k % words.length]} </b>`);
          html.push(`<p>${parts.join('')}end.${i % 2 ? ' [Reuters]' : ''}</p>`);
        }
        doc.body.innerHTML = html.join('\n');
      },
    },
  ];
  const out: CaseResult[] = [];
  for (const c of cases) {
    const { doc, close } = docFrom(c.build);
    try {
      const fl = best(3, () => FLOOR(doc));
      let error: string | undefined;
      let det = { value: 0, cpuMs: NaN };
      try {
        det = best(3, () => detectCitations(doc).length);
      } catch (e) {
        error = String(e).split('\n')[0];
      }
      out.push({ name: c.name, label: c.label, textNodes: fl.value.nodes, chars: fl.value.chars, detectMs: det.cpuMs, floorMs: fl.cpuMs, detections: det.value, error });
    } finally {
      await close();
    }
  }
  process.stdout.write(JSON.stringify(out));
}

export function runDetect(results: Results): void {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/detect.ts'), '--child'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  });
  const cases = JSON.parse(out) as CaseResult[];
  results.extra.detect = cases;
  for (const c of cases) {
    results.add({
      section: 'f',
      name: `detect: ${c.label}`,
      value: Number.isFinite(c.detectMs) ? c.detectMs : null,
      unit: 'ms',
      baseline: c.floorMs,
      baselineName: `text walk`,
      note: c.error ? `threw: ${c.error}` : `${c.detections} citations; ${c.textNodes} text nodes, ${c.chars.toLocaleString('en-US')} chars; CPU best of 3 (happy-dom)`,
    });
  }
}

if (process.argv.includes('--child')) {
  await child();
}
