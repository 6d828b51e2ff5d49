/**
 * Language of a text, as a BCP 47 tag. franc-min (trigram statistics, 82 languages) does the
 * work; we map its ISO 639-3 codes to the shortest BCP 47 tag and treat short or ambiguous text
 * as unknown (null) rather than guess.
 *
 * franc-min carries ~100 kB of trigram data, so this module belongs in the background and the
 * command line, never in the content script.
 */
import { franc } from 'franc-min';

/** ISO 639-3 (as franc returns it) → BCP 47, for every language franc-min knows. */
const ISO3_TO_BCP47: Record<string, string> = {
  spa: 'es', eng: 'en', por: 'pt', ind: 'id', fra: 'fr', deu: 'de', jav: 'jv', vie: 'vi',
  ita: 'it', tur: 'tr', pol: 'pl', swh: 'sw', sun: 'su', ron: 'ro', hau: 'ha', fuv: 'fuv',
  bos: 'bs', hrv: 'hr', nld: 'nl', srp: 'sr', ckb: 'ckb', yor: 'yo', uzn: 'uz', zlm: 'ms',
  ibo: 'ig', ceb: 'ceb', tgl: 'tl', hun: 'hu', azj: 'az', ces: 'cs', run: 'rn', plt: 'mg',
  qug: 'qug', mad: 'mad', nya: 'ny', zyb: 'zyb', kin: 'rw', zul: 'zu', swe: 'sv', lin: 'ln',
  som: 'so', hms: 'hms', hnj: 'hnj', ilo: 'ilo', rus: 'ru', ukr: 'uk', koi: 'koi', bel: 'be',
  bul: 'bg', kaz: 'kk', arb: 'ar', urd: 'ur', pes: 'fa', skr: 'skr', pbu: 'ps', hin: 'hi',
  mar: 'mr', mai: 'mai', bho: 'bho', npi: 'ne', mag: 'mag', cmn: 'zh', jpn: 'ja', kor: 'ko',
  ben: 'bn', tel: 'te', tam: 'ta', guj: 'gu', kan: 'kn', mal: 'ml', mya: 'my', pan: 'pa',
  amh: 'am', tha: 'th', sin: 'si', ell: 'el', heb: 'he', kat: 'ka', hye: 'hy', ori: 'or',
};

/** The fewest characters we judge a language from. */
export const MIN_LANGUAGE_CHARS = 40;

export function detectLanguage(text: string): string | null {
  const sample = text.length > 6000 ? text.slice(0, 6000) : text;
  const letters = sample.replace(/[\s\d\p{P}\p{S}]+/gu, '').length;
  const cjk = (sample.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]/g) ?? []).length;
  // A CJK character carries about as much as a word: ten of them are enough to judge.
  if (letters < MIN_LANGUAGE_CHARS && cjk < 10) return null;
  // Japanese text mixes kanji with kana; franc decides by script share, which kanji-heavy
  // headlines can tip to Chinese. Any kana at all means Japanese.
  if (/[\u3041-\u3096\u30a1-\u30fa]/.test(sample)) return 'ja';
  const code = franc(sample, { minLength: 10 });
  if (code === 'und') return null;
  return ISO3_TO_BCP47[code] ?? code;
}

/** The primary language subtag, lowercase: "de-CH" → "de", "zh-Hans" → "zh". */
export function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}
