/**
 * Paragraph language for translation detection.
 *
 * Trigram detectors (franc, in lib/lang.ts) are made for longer text; on one short paragraph they
 * often call English "fr", "nl" or "sv" (reference-list entries, headlines). A false language is
 * the main way two paragraphs of one language could look like a translation, so a paragraph's
 * language is decided here first by function words — the most frequent, most language-specific
 * words — for the languages we compare (de, en, fr, es, it) and two close neighbours (pt, nl)
 * that must not be mistaken for them. Japanese is recognised by kana, Chinese by Han characters
 * without kana, Korean by Hangul. Only when the function words do not decide is the optional
 * external detector asked.
 */
import { fold, hasKana } from './text';

const STOPWORDS: Record<string, string> = {
  en: 'the a an and or but of to in on at by for with from as is are was were be been being has have had it its this that these those which who whom what not no they them their we our you your he him his she her will would can could should may might than then there here also into about over after before more most such only other some any all do does did so if when while out up',
  de: 'der die das den dem des ein eine einen einem einer eines und oder aber nicht kein keine ist sind war waren wird werden wurde wurden hat haben hatte hatten sein seine ihr ihre ihren es er sie wir ich du man sich mit von zu zum zur im in am an auf aus bei für nach vor über unter um durch gegen ohne auch noch nur schon dass wie als wenn weil so dies diese dieser diesem diesen dieses wer was wo hier dort sehr mehr bis seit vom beim ins ab etwa',
  fr: 'le la les l un une des du de d et ou mais ne pas est sont était étaient sera seront a ont avait ce cet cette ces il ils elle elles on nous vous je son sa ses leur leurs qui que qu quoi dont où dans en au aux sur sous par pour avec sans entre après avant chez comme plus moins très aussi encore déjà si se s y lui eux tout tous toute toutes même',
  es: 'el la los las lo un una unos unas y o pero no es son era eran fue fueron será ha han había de del al a en con por para sin sobre entre tras desde hasta que quien quienes cual cuales como más menos muy también ya su sus se le les este esta estos estas ese esa eso nos yo tú él ella ellos ellas todo todos toda todas donde cuando porque aunque si',
  it: 'il lo la i gli le l un una uno e ed o ma non è sono era erano sarà ha hanno aveva di del della dei degli delle al alla ai agli alle a ad da dal dalla dai in nel nella nei negli nelle con su sul sulla per tra fra che chi cui come più meno molto anche già suo sua suoi sue loro questo questa questi queste quello quella si ci ne tutto tutti tutta tutte dove quando perché se',
  pt: 'o a os as um uma e ou mas não é são foi eram de do da dos das ao à em no na nos nas com por para sem sobre entre que quem como mais menos muito também já seu sua seus suas se lhe este esta isso ele ela eles elas todo todos onde quando porque',
  nl: 'de het een en of maar niet is zijn was waren wordt worden heeft hebben had van voor met in op aan bij uit naar over door tegen zonder ook nog al dat die dit deze wie wat waar hier er zeer meer tot sinds om als wel geen ze hij zij wij ik je u hun',
};

/** Languages the detector distinguishes by function words. */
export const FUNCTION_WORD_LANGS = Object.keys(STOPWORDS);

/** Languages translation detection compares (the lexicon's languages). */
export const SUPPORTED_LANGS: ReadonlySet<string> = new Set(['de', 'en', 'fr', 'es', 'it', 'ja']);

/** word → bit mask of the languages it is a function word of. */
const WORD_LANGS = new Map<string, number>();
FUNCTION_WORD_LANGS.forEach((lang, bit) => {
  for (const w of STOPWORDS[lang].split(' ')) {
    const f = fold(w);
    WORD_LANGS.set(f, (WORD_LANGS.get(f) ?? 0) | (1 << bit));
  }
});

/** True when `folded` is a function word of `lang`. */
export function isFunctionWord(lang: string, folded: string): boolean {
  const bit = FUNCTION_WORD_LANGS.indexOf(lang);
  if (bit < 0) return false;
  return ((WORD_LANGS.get(folded) ?? 0) & (1 << bit)) !== 0;
}

export interface LanguageGuess {
  /** Best language, or null. */
  lang: string | null;
  /** How the language was decided. */
  by: 'script' | 'function-words' | 'detector' | 'weak-function-words' | 'conflict' | 'given' | 'none';
  /** Function-word hits of the best and second-best language. */
  hits: number;
  runnerUp: number;
}

const HAN = /\p{Script=Han}/u;
const HANGUL = /[\uac00-\ud7a3]/;

/**
 * Function-word language of a text: counts, per language, the words that are function words of
 * that language. Confident when the best language has at least 3 hits and at least 1.5 times
 * (plus one) the hits of the runner-up.
 */
export function functionWordLanguage(folded: readonly string[]): { lang: string | null; hits: number; runnerUp: number; confident: boolean } {
  const counts = new Array<number>(FUNCTION_WORD_LANGS.length).fill(0);
  for (const w of folded) {
    const mask = WORD_LANGS.get(w);
    if (mask === undefined) continue;
    for (let b = 0; b < counts.length; b++) if (mask & (1 << b)) counts[b]++;
  }
  let best = -1;
  let second = 0;
  for (let b = 0; b < counts.length; b++) {
    if (best < 0 || counts[b] > counts[best]) {
      if (best >= 0) second = Math.max(second, counts[best]);
      best = b;
    } else second = Math.max(second, counts[b]);
  }
  const hits = best >= 0 ? counts[best] : 0;
  const lang = hits > 0 && hits > second ? FUNCTION_WORD_LANGS[best] : null;
  const confident = lang !== null && hits >= 3 && hits >= 1.5 * second + 1;
  return { lang, hits, runnerUp: second, confident };
}

/**
 * The language of one paragraph: script first (kana → ja, Hangul → ko, Han → zh), then
 * confident function words, then the external `detect` (franc in the background) — unless a weak
 * function-word majority (at least two hits) names another language, then null ('conflict') —
 * then a weak function-word majority, else null.
 */
export function paragraphLanguage(text: string, folded: readonly string[], detect?: (text: string) => string | null): LanguageGuess {
  if (hasKana(text)) return { lang: 'ja', by: 'script', hits: 0, runnerUp: 0 };
  const fw = functionWordLanguage(folded);
  if (fw.confident) return { lang: fw.lang, by: 'function-words', hits: fw.hits, runnerUp: fw.runnerUp };
  if (folded.length < 3) {
    if (HANGUL.test(text)) return { lang: 'ko', by: 'script', hits: 0, runnerUp: 0 };
    if (HAN.test(text)) return { lang: 'zh', by: 'script', hits: 0, runnerUp: 0 };
  }
  if (detect) {
    const raw = detect(text);
    const d = raw ? raw.toLowerCase().split(/[-_]/)[0] : null;
    // Trigram detectors misjudge short text ("Weitere Informationen zum Coronavirus in
    // Thüringen" → en). When the function words lean clearly elsewhere, the language is unknown.
    if (d && fw.lang !== null && fw.hits >= 2 && fw.lang !== d) return { lang: null, by: 'conflict', hits: fw.hits, runnerUp: fw.runnerUp };
    if (d) return { lang: d, by: 'detector', hits: fw.hits, runnerUp: fw.runnerUp };
  }
  if (fw.lang !== null && fw.hits >= 2) return { lang: fw.lang, by: 'weak-function-words', hits: fw.hits, runnerUp: fw.runnerUp };
  return { lang: null, by: 'none', hits: fw.hits, runnerUp: fw.runnerUp };
}
