/**
 * Numbers, dates and percentages as language-neutral keys, so "1.000" (de), "1 000" (fr),
 * "1,000" (en), "68.700 millones" (es) = "68.7 billion" (en), "20. April" = "April 20" =
 * "4月20日", "Freitag" = "vendredi" = "金曜", and "drei Euro" = "three euros" compare equal.
 *
 * Each mention yields a small set of keys: every reading of an ambiguous separator ("1,500" is
 * 1500 in English and 1.5 in German), the value times a following scale word (million, Mrd.,
 * 万), months as `m1`…`m12`, weekdays as `w1` (Monday) … `w7`. Two mentions match when their
 * key sets meet.
 */
import { fold } from './text';

export interface NumberMention {
  /** As written ("68.700 millones", "20.", "April", "drei"). */
  text: string;
  /** Offset in the text. */
  start: number;
  keys: string[];
  /** A year, a number of three or more significant digits, or a full date part: a strong anchor. */
  specific: boolean;
}

/**
 * Numbers as written: grouped thousands (., comma, space, NBSP, apostrophe) or a plain run. Not
 * glued to a Latin letter ("A4", "G7" are names), but Japanese writes digits straight against
 * kana and kanji ("は2020年"), so those may precede.
 */
const NUMBER =
  /(?<![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}])(\d{1,3}(?:[.,\u00a0\u202f'’ ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\p{N}])/gu;

/** dd.mm.yy(yy) and yyyy-mm-dd dates. */
const DOTTED_DATE = /(?<![\p{N}.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\p{N}])/gu;
const ISO_DATE = /(?<![\p{N}])(\d{4})-(\d{2})-(\d{2})(?![\p{N}])/gu;

/** Scale words after a number (folded), per value. */
const SCALE: Array<[RegExp, number]> = [
  [/^\s*(?:mil\s+millones|milliarde\w*|mrd\b\.?|milliard\w*|miliard\w*|billion\w*|bn\b)/, 1e9],
  [/^\s*(?:million\w*|millon\w*|milion\w*|mio\b\.?|mn\b)/, 1e6],
  [/^\s*(?:thousand\w*|tausend|mil\b|mille\b|mila\b)/, 1e3],
];
const JA_SCALE: Record<string, number> = { 万: 1e4, 億: 1e8, 千: 1e3, 兆: 1e12 };

/** Month names per language (folded), 1-based; "may"/"march" only when capitalised. */
const MONTHS: Record<string, string[]> = {
  en: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  de: ['januar', 'februar', 'marz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  fr: ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
};
const MONTH_ABBR: Record<string, string[]> = {
  en: ['jan', 'feb', 'mar', 'apr', '', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  de: ['jan', 'feb', '', 'apr', '', '', '', 'aug', 'sep', 'okt', 'nov', 'dez'],
};

/**
 * Weekdays per language (folded), Monday first. A weekday is a date part: a translation keeps it,
 * and two paragraphs naming different days ("Freitag" / "lundi") report different events.
 * German compounds count ("Montagabend", "Mittwochnachmittag").
 */
const WEEKDAYS: Record<string, string[][]> = {
  en: [['monday'], ['tuesday'], ['wednesday'], ['thursday'], ['friday'], ['saturday'], ['sunday']],
  de: [['montag'], ['dienstag'], ['mittwoch'], ['donnerstag'], ['freitag'], ['samstag', 'sonnabend'], ['sonntag']],
  fr: [['lundi'], ['mardi'], ['mercredi'], ['jeudi'], ['vendredi'], ['samedi'], ['dimanche']],
  es: [['lunes'], ['martes'], ['miercoles'], ['jueves'], ['viernes'], ['sabado'], ['domingo']],
  it: [['lunedi'], ['martedi'], ['mercoledi'], ['giovedi'], ['venerdi'], ['sabato'], ['domenica']],
};
const JA_WEEKDAY = /([月火水木金土日])曜/g;
const JA_WEEKDAY_INDEX = '月火水木金土日';

function weekdayOf(lang: string, folded: string): number {
  const days = WEEKDAYS[lang];
  if (!days) return -1;
  for (let d = 0; d < 7; d++) {
    for (const name of days[d]) {
      if (folded === name || folded === name + 's' || (lang === 'de' && folded.startsWith(name))) return d;
    }
  }
  return -1;
}

/** Number words 2–12, 20, 100 per language (folded). "One" is left out: it doubles as an article. */
const NUMBER_WORDS: Record<string, Record<string, number>> = {
  en: { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, hundred: 100, dozen: 12 },
  de: { zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, elf: 11, zwolf: 12, zwanzig: 20, hundert: 100, dutzend: 12 },
  fr: { deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, dix: 10, onze: 11, douze: 12, vingt: 20, cent: 100, douzaine: 12 },
  es: { dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12, veinte: 20, cien: 100, ciento: 100, docena: 12 },
  it: { due: 2, tre: 3, quattro: 4, cinque: 5, sette: 7, otto: 8, nove: 9, dieci: 10, undici: 11, dodici: 12, venti: 20, cento: 100, dozzina: 12 },
};
/** Japanese numerals written in kanji (as used in running text). */
const JA_NUMERALS: Record<string, number> = { 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function key(v: number): string {
  return String(Number(v.toPrecision(10)));
}

/** Readings of a number as written: one, or two for "1,500"-style ambiguity. */
function readings(raw: string): number[] {
  let s = raw.replace(/[\u00a0\u202f'’ ]/g, '');
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    s = s.split(group).join('');
    return [Number(s.replace(decimal, '.'))];
  }
  const sep = dots > 0 ? '.' : commas > 0 ? ',' : '';
  if (sep === '') return [Number(s)];
  const count = dots + commas;
  if (count > 1) return [Number(s.split(sep).join(''))];
  const after = s.length - s.indexOf(sep) - 1;
  const asDecimal = Number(s.replace(sep, '.'));
  if (after === 3) return [Number(s.replace(sep, '')), asDecimal];
  return [asDecimal];
}

function isYear(v: number): boolean {
  return Number.isInteger(v) && v >= 1800 && v <= 2100;
}

function significantDigits(raw: string): number {
  return raw.replace(/\D/g, '').replace(/^0+/, '').replace(/0+$/, '').length;
}

/**
 * Number, date and number-word mentions of a text. `lang` selects month names and number words
 * (null: digits only). The text should be NFKC-normalised (full-width digits become ASCII).
 */
export function extractNumbers(text: string, lang: string | null): NumberMention[] {
  const out: NumberMention[] = [];
  const taken: Array<[number, number]> = [];
  const isTaken = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);

  for (const re of [DOTTED_DATE, ISO_DATE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const iso = re === ISO_DATE;
      const day = Number(iso ? m[3] : m[1]);
      const month = Number(m[2]);
      let year = Number(iso ? m[1] : m[3]);
      if (month < 1 || month > 12 || day < 1 || day > 31) continue;
      const years = [year];
      if (year < 100) years.push((year += year < 50 ? 2000 : 1900));
      const start = m.index;
      taken.push([start, start + m[0].length]);
      out.push({ text: m[0], start, keys: [key(day)], specific: true });
      out.push({ text: m[0], start, keys: [`m${month}`], specific: true });
      out.push({ text: m[0], start, keys: years.map(key), specific: true });
    }
  }

  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) {
    const raw = m[1];
    const start = m.index;
    const end = start + raw.length;
    if (isTaken(start, end)) continue;
    const values = readings(raw).filter((v) => Number.isFinite(v));
    if (values.length === 0) continue;
    const next = text.slice(end, end + 16);
    // Japanese: N月 is a month, N万/億 scales.
    if (next[0] === '月' && values[0] >= 1 && values[0] <= 12) {
      out.push({ text: raw + '月', start, keys: [`m${values[0]}`], specific: true });
      continue;
    }
    const keys = new Set(values.map(key));
    const jaScale = next.length > 0 && Object.hasOwn(JA_SCALE, next[0]) ? JA_SCALE[next[0]] : undefined;
    if (jaScale) for (const v of values) keys.add(key(v * jaScale));
    else {
      const after = fold(next);
      for (const [re, scale] of SCALE) {
        if (re.test(after)) {
          for (const v of values) keys.add(key(v * scale));
          break;
        }
      }
    }
    const specific = values.some(isYear) || significantDigits(raw) >= 3;
    out.push({ text: raw, start, keys: [...keys], specific });
  }

  if (lang === 'ja') {
    JA_WEEKDAY.lastIndex = 0;
    for (let m = JA_WEEKDAY.exec(text); m !== null; m = JA_WEEKDAY.exec(text)) {
      out.push({ text: m[0], start: m.index, keys: [`w${JA_WEEKDAY_INDEX.indexOf(m[1]) + 1}`], specific: true });
    }
    for (let i = 0; i < text.length; i++) {
      if (text[i + 1] === '曜') continue;
      const v = Object.hasOwn(JA_NUMERALS, text[i]) ? JA_NUMERALS[text[i]] : undefined;
      if (v === undefined) continue;
      const nextCh = text[i + 1];
      if (nextCh === '月') out.push({ text: text[i] + nextCh, start: i, keys: [`m${v}`], specific: true });
      else if (nextCh === '人' || nextCh === 'つ' || nextCh === '年' || nextCh === '日' || nextCh === '回' || nextCh === '件')
        out.push({ text: text[i], start: i, keys: [key(v)], specific: false });
    }
  } else if (lang !== null) {
    const months = MONTHS[lang];
    const abbr = MONTH_ABBR[lang];
    const words = NUMBER_WORDS[lang];
    const WORD = /\p{L}+/gu;
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
      const raw = m[0];
      const f = fold(raw);
      let month = months ? months.indexOf(f) : -1;
      if (month < 0 && abbr && f.length === 3 && /^\p{Lu}/u.test(raw) && text[m.index + 3] === '.') month = abbr.indexOf(f);
      if (month >= 0 && lang === 'en' && (f === 'may' || f === 'march') && !/^\p{Lu}/u.test(raw)) month = -1;
      if (month >= 0 && lang === 'de' && f === 'mai' && !/^\p{Lu}/u.test(raw)) month = -1;
      if (month >= 0) {
        out.push({ text: raw, start: m.index, keys: [`m${month + 1}`], specific: true });
        continue;
      }
      const day = weekdayOf(lang, f);
      if (day >= 0) {
        out.push({ text: raw, start: m.index, keys: [`w${day + 1}`], specific: true });
        continue;
      }
      // Own properties only: a word such as "constructor" must not reach Object.prototype.
      const v = words && Object.hasOwn(words, f) ? words[f] : undefined;
      // "pour cent", "por ciento", "per cento" are percent signs, not a hundred.
      if (v === 100 && /(?:pour|por|per)\s+$/i.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
      if (v !== undefined) out.push({ text: raw, start: m.index, keys: [key(v)], specific: false });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
