/**
 * Normalisation shared by the registry build and the registry index, so both key sources
 * the same way: hosts and URLs (scheme, "www.", "m.", "amp." stripped), and names (NFKC,
 * case-folded, diacritics removed, punctuation- and space-insensitive, labels stripped).
 * Pure: no DOM, no `browser.*`.
 */
import { getDomain, parse } from 'tldts';

/** Host prefixes that name a variant of the same site, not another source. */
const VARIANT_PREFIX = /^(?:www\d{0,3}|m|mobile|amp|wap|mobil)\./;

export interface HostPath {
  /** Lowercase host without scheme, user, port, trailing dot or variant prefixes ("www.", "m."). */
  host: string;
  /** Lowercase path without leading/trailing slash, query or fragment ("" for none). */
  path: string;
}

/**
 * Splits a URL, a host or a "host/path" string into its normalised host and path.
 * Returns null when no plausible host is in it.
 */
export function splitHostPath(input: string): HostPath | null {
  let s = input.trim();
  if (!s) return null;
  if (/^(?:mailto|javascript|data|tel|about|file|urn|news|blob|chrome|moz-extension|chrome-extension):/i.test(s)) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^\/\//, '');
  const cut = s.search(/[/?#]/);
  let host = cut >= 0 ? s.slice(0, cut) : s;
  let rest = cut >= 0 ? s.slice(cut) : '';
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  host = host.replace(/:\d*$/, '').replace(/\.+$/, '').toLowerCase();
  if (!host || host.includes(' ') || !host.includes('.')) return null;
  if (!/^[a-z0-9\u00a1-\uffff.-]+$/u.test(host)) return null;
  while (VARIANT_PREFIX.test(host)) {
    const stripped = host.replace(VARIANT_PREFIX, '');
    if (!stripped.includes('.')) break;
    host = stripped;
  }
  const q = rest.search(/[?#]/);
  if (q >= 0) rest = rest.slice(0, q);
  let path = rest.toLowerCase().replace(/\/{2,}/g, '/').replace(/^\/+|\/+$/g, '');
  try {
    if (path.includes('%')) path = decodeURI(path);
  } catch {
    // Keep it encoded.
  }
  return { host, path };
}

/** The host in ASCII (punycode) form, as browsers report it; the input when it cannot be converted. */
export function hostToAscii(host: string): string {
  if (/^[\x00-\x7f]*$/.test(host)) return host;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return host;
  }
}

/** The host in Unicode form ("xn--p1ai" labels decoded), or the input when it has none. */
export function hostToUnicode(host: string): string {
  if (!host.includes('xn--')) return host;
  try {
    // The URL parser gives ASCII; decode each punycode label ourselves.
    return host
      .split('.')
      .map((label) => (label.startsWith('xn--') ? punycodeDecode(label.slice(4)) ?? label : label))
      .join('.');
  } catch {
    return host;
  }
}

/** RFC 3492 decoder, enough for hostnames. Returns null on malformed input. */
function punycodeDecode(input: string): string | null {
  const base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
  let n = 128, i = 0, bias = 72;
  const output: number[] = [];
  let b = input.lastIndexOf('-');
  if (b < 0) b = 0;
  for (let j = 0; j < b; j++) output.push(input.charCodeAt(j));
  const adapt = (delta: number, numPoints: number, first: boolean): number => {
    let k = 0;
    delta = first ? Math.floor(delta / damp) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    for (; delta > ((base - tMin) * tMax) >> 1; k += base) delta = Math.floor(delta / (base - tMin));
    return Math.floor(k + ((base - tMin + 1) * delta) / (delta + skew));
  };
  for (let idx = b > 0 ? b + 1 : 0; idx < input.length; ) {
    const oldi = i;
    for (let w = 1, k = base; ; k += base) {
      if (idx >= input.length) return null;
      const c = input.charCodeAt(idx++);
      const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : base;
      if (digit >= base) return null;
      i += digit * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < t) break;
      w *= base - t;
    }
    bias = adapt(i - oldi, output.length + 1, oldi === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/**
 * The registrable domain of a host ("news.bbc.co.uk" → "bbc.co.uk"), private suffixes
 * included ("x.blogspot.com" stays itself). Null for IPs, public suffixes and junk.
 */
export function registrableDomain(host: string): string | null {
  const d = getDomain(host, { allowPrivateDomains: true });
  return d ? d.toLowerCase() : null;
}

/** The host's hostnames from itself up to (and including) its ICANN registrable domain. */
export function hostChain(host: string): string[] {
  const chain = [host];
  const info = parse(host, { allowPrivateDomains: false });
  const stop = info.domain ?? null;
  if (info.isIp) return chain;
  let h = host;
  while (stop && h !== stop && h.includes('.')) {
    h = h.slice(h.indexOf('.') + 1);
    chain.push(h);
    if (h === stop) break;
  }
  return chain;
}

/** True when the string is a host or URL whose TLD is a real one ("spiegel.de", "https://x.org/a"). */
export function looksLikeDomain(text: string): boolean {
  const s = text.trim();
  if (!s || /\s/.test(s)) return false;
  const hp = splitHostPath(s);
  if (!hp) return false;
  const info = parse(hp.host);
  return Boolean(info.domain && info.isIcann) || Boolean(info.isIp);
}

/**
 * Unwraps archive links to the page they archive:
 * "https://web.archive.org/web/2020/https://www.spiegel.de/x" → "https://www.spiegel.de/x".
 */
export function unwrapArchiveUrl(url: string): string {
  const m = /^(?:https?:\/\/)?(?:web\.)?archive\.org\/web\/[^/]+\/(.+)$/i.exec(url.trim());
  if (m) return m[1];
  const t = /^(?:https?:\/\/)?archive\.(?:today|ph|is|li|vn|fo|md)\/(?:o\/[^/]+\/|\d{14}\/)(.+)$/i.exec(url.trim());
  if (t && /\./.test(t[1])) return t[1];
  return url;
}

// ---------------------------------------------------------------------------------------------
// Names

/** Labels that introduce a source and are no part of its name. */
const LABELS_WITH_COLON = [
  'quelle',
  'quellen',
  'source',
  'sources',
  'fuente',
  'fuentes',
  'fonte',
  'fontes',
  'bron',
  'bronnen',
  'źródło',
  'źródła',
  'zdroj',
  'kilde',
  'kilder',
  'källa',
  'källor',
  'lähde',
  'kaynak',
  'источник',
  'источники',
  'джерело',
  'forrás',
  'sursa',
  'sursă',
  'πηγή',
  'מקור',
  'المصدر',
  'credit',
  'credits',
  'photo',
  'foto',
  'bild',
  'text',
  'mit material von',
  'material',
  'nach angaben von',
  'according to',
];
const LABELS_NO_COLON = ['via', 'laut', 'according to', 'nach angaben von', 'mit material von', 'selon', 'según', 'secondo'];
const CJK_LABELS = ['出典', '出所', '来源', '來源', '资料来源', '資料來源', '消息来源', '출처', '자료'];

const LABEL_RE = new RegExp(
  '^\\s*(?:' +
    [
      `(?:${LABELS_WITH_COLON.map(escapeRe).join('|')})\\s*[:：]`,
      `(?:${LABELS_NO_COLON.map(escapeRe).join('|')})\\s+`,
      `(?:${CJK_LABELS.map(escapeRe).join('|')})\\s*[:：]?`,
    ].join('|') +
    ')\\s*',
  'iu',
);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/** Strips labels such as "Quelle:", "Source:", "via", "Fuente:", "出典：" (repeatedly) and brackets. */
export function stripLabels(text: string): string {
  let s = text.trim().replace(/^[[(（【「『"'“„«‹]+|[\])）】」』"'”“»›.,;:]+$/gu, '').trim();
  for (let i = 0; i < 3; i++) {
    const next = s.replace(LABEL_RE, '');
    if (next === s) break;
    s = next.trim();
  }
  return s;
}

/** Leading articles dropped for a second, looser name key ("The Guardian" ~ "Guardian"). */
const ARTICLES = new Set(['the', 'der', 'die', 'das', 'le', 'la', 'les', 'l', 'el', 'los', 'las', 'il', 'lo', 'gli', 'de', 'het', 'o', 'a', 'os', 'as']);

const MARKED_SCRIPTS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

/**
 * The words of a name, folded: NFKC, case-folded, diacritics of Latin/Greek/Cyrillic removed.
 * Labels ("Quelle:", "via") are stripped unless `labels` is false.
 */
export function nameWords(text: string, labels = true): string[] {
  let s = labels ? stripLabels(text) : text;
  if (/[^\x00-\x7f]/.test(s)) {
    s = s.normalize('NFKD').replace(MARKED_SCRIPTS, '$1').normalize('NFKC').toLowerCase().replace(/ß/g, 'ss').replace(/ı/g, 'i').replace(/ſ/g, 's');
  } else {
    s = s.toLowerCase();
  }
  return s.replace(/[’'`´]/g, '').split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
}

/** Both lookup keys of a name at once: see nameKey and bareNameKey. */
export function nameKeys(text: string, labels = true): { key: string; bare: string } {
  const words = nameWords(text, labels);
  const key = words.join('');
  const bare = words.length > 1 && ARTICLES.has(words[0]) ? words.slice(1).join('') : key;
  return { key, bare };
}

/**
 * A name's lookup key: "Deutsche Presse-Agentur" → "deutschepresseagentur",
 * "Quelle: dpa" → "dpa", "Le Monde" → "lemonde", "共同通信" → "共同通信".
 */
export function nameKey(text: string, labels = true): string {
  return nameWords(text, labels).join('');
}

/** The key without a leading article ("The Guardian" → "guardian"); equals nameKey when none. */
export function bareNameKey(text: string, labels = true): string {
  return nameKeys(text, labels).bare;
}

/** A stable slug ("Radio Ennepe Ruhr" → "radio-ennepe-ruhr"), ASCII only. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
