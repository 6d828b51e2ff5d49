/**
 * Consonant skeletons: a rough, script-neutral spelling of names and loanwords, so katakana
 * "トランプ" and Latin "Trump" (both "trnp"), "トレンドマイクロ" and "Trend Micro" ("trndmkr"),
 * "アンドロイド" and "Android" ("ndrd") can be compared. Vowels, h, w and y are dropped (katakana
 * adds vowels English lacks), l and r merge, v and b merge, m before p/b is n.
 */
import { memo } from './text';

/** Katakana → consonant. Unlisted katakana (vowels, small kana, ー, ッ) add nothing. */
const KATAKANA_CONSONANT: Record<string, string> = {};
const ROWS: Array<[string, string]> = [
  ['カキクケコ', 'k'], ['ガギグゲゴ', 'g'], ['サシスセソ', 's'], ['ザズゼゾ', 'z'], ['ジヂ', 'z'],
  ['タテト', 't'], ['チツ', 't'], ['ダデド', 'd'], ['ヅ', 'z'], ['ナニヌネノ', 'n'], ['ン', 'n'],
  ['フ', 'f'], ['バビブベボヴ', 'b'], ['パピプペポ', 'p'], ['マミムメモ', 'm'], ['ラリルレロ', 'r'],
];
for (const [chars, c] of ROWS) for (const ch of chars) KATAKANA_CONSONANT[ch] = c;

function finish(s: string): string {
  return s.replace(/m(?=[pb])/g, 'n').replace(/(.)\1+/g, '$1');
}

/** The consonant skeleton of a katakana word. */
export function katakanaSkeleton(kana: string): string {
  let s = '';
  for (const ch of kana) s += KATAKANA_CONSONANT[ch] ?? '';
  return finish(s);
}

/** The consonant skeleton of a folded Latin word. */
export const latinSkeleton: (folded: string) => string = memo(latinSkeletonUncached);

function latinSkeletonUncached(folded: string): string {
  const s = folded
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/sh/g, 's')
    .replace(/ch/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/j/g, 'z')
    .replace(/v/g, 'b')
    .replace(/l/g, 'r')
    .replace(/ng$/g, 'n')
    .replace(/[aeiouyhw]/g, '');
  return finish(s);
}
