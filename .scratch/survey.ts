import { corpusPages, parsePage, readHtml } from '../tests/fixtures/dup/load';
import { findArticleRoot, extractParagraphs } from '../lib/paragraphs';
import { detectLanguage } from '../lib/lang';
import { writeFileSync } from 'node:fs';
const out: any[] = [];
for (const [name, path] of corpusPages()) {
  const { doc, close } = parsePage(readHtml(path));
  const ps = extractParagraphs(findArticleRoot(doc));
  const langs: Record<string, number> = {};
  const rows = ps.map(p => { const l = detectLanguage(p.text); langs[String(l)] = (langs[String(l)] ?? 0) + 1; return { i: p.index, tag: p.tag, lang: l, text: p.text }; });
  out.push({ name, n: ps.length, langs, rows });
  console.log(name, ps.length, JSON.stringify(langs));
  await close();
}
writeFileSync('.scratch/corpus.json', JSON.stringify(out));
