/**
 * Turns a saved page's bytes into text the way a browser picks the encoding: a byte order mark
 * first, then the charset of the HTTP Content-Type (WARC records), then a `<meta charset>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">` near the top of the document, and
 * finally UTF-8 when the bytes are valid UTF-8, windows-1252 when they are not.
 * Decoding uses TextDecoder, so every WHATWG encoding label Node knows works (shift_jis, euc-jp,
 * gbk, big5, iso-8859-x, windows-125x, koi8-r, …).
 */

export type EncodingSource = 'bom' | 'http' | 'meta' | 'default';

export interface DecodedHtml {
  text: string;
  /** The WHATWG name of the encoding used ("utf-8", "windows-1252", "shift_jis"). */
  encoding: string;
  /** Where the encoding came from. */
  source: EncodingSource;
}

/** How far into the document a `<meta>` declaration is looked for. */
const PRESCAN_BYTES = 64 * 1024;

export function decodeHtml(bytes: Uint8Array, httpContentType?: string | null): DecodedHtml {
  const bom = sniffBom(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), encoding: bom, source: 'bom' };

  const http = httpContentType ? encodingForLabel(charsetParam(httpContentType), false) : null;
  if (http) return { text: new TextDecoder(http).decode(bytes), encoding: http, source: 'http' };

  const meta = prescanMetaCharset(bytes);
  if (meta) return { text: new TextDecoder(meta).decode(bytes), encoding: meta, source: 'meta' };

  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', source: 'default' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', source: 'default' };
  }
}

function sniffBom(b: Uint8Array): string | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The `charset` parameter of a Content-Type value (or of a meta's content attribute). */
export function charsetParam(value: string): string | null {
  const m = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i.exec(value);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '').trim() || null : null;
}

/**
 * The WHATWG encoding for a label, or null when Node cannot decode it. A document that calls
 * itself UTF-16 in a meta tag cannot be (the tag was readable as ASCII), so that means UTF-8.
 */
export function encodingForLabel(label: string | null, fromMeta: boolean): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if (l === 'x-user-defined') return 'windows-1252';
  let encoding: string;
  try {
    encoding = new TextDecoder(l).encoding;
  } catch {
    return null;
  }
  if (fromMeta && encoding.startsWith('utf-16')) return 'utf-8';
  return encoding;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template']);

/**
 * Looks for an encoding declaration in the document's head: the HTML "prescan" (comments and
 * attribute quoting respected), over the first 64 KiB rather than 1 KiB because saved pages often
 * carry long inline styles first. Script and style contents are skipped, and the scan stops at
 * `</head>` or `<body>`.
 */
export function prescanMetaCharset(bytes: Uint8Array): string | null {
  const s = latin1(bytes.subarray(0, PRESCAN_BYTES));
  const lower = s.toLowerCase();
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) return null;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end < 0) return null;
      i = end + 3;
      continue;
    }
    const c = s.charCodeAt(lt + 1);
    const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (s[lt + 1] === '/') {
      if (lower.startsWith('</head', lt) && !/[a-z0-9-]/.test(lower[lt + 6] ?? '')) return null;
      const end = s.indexOf('>', lt);
      if (end < 0) return null;
      i = end + 1;
      continue;
    }
    if (!isLetter) {
      // <!DOCTYPE …>, <?xml …?> and stray '<' characters.
      if (s[lt + 1] === '!' || s[lt + 1] === '?') {
        const end = s.indexOf('>', lt);
        if (end < 0) return null;
        i = end + 1;
      } else {
        i = lt + 1;
      }
      continue;
    }
    const tag = readTag(s, lt);
    if (!tag) return null;
    i = tag.end;
    if (tag.name === 'body') return null;
    if (tag.name === 'meta') {
      const found = metaEncoding(tag.attrs);
      if (found) return found;
    } else if (RAW_TEXT.has(tag.name)) {
      const close = lower.indexOf(`</${tag.name}`, i);
      if (close < 0) return null;
      i = close;
    }
  }
  return null;
}

function metaEncoding(attrs: Map<string, string>): string | null {
  const charset = attrs.get('charset');
  if (charset !== undefined) return encodingForLabel(charset, true);
  if (attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
    const content = attrs.get('content');
    if (content) return encodingForLabel(charsetParam(content), true);
  }
  return null;
}

/** Reads a start tag at `start` (s[start] === '<'): its lowercase name, attributes (first wins), end. */
function readTag(s: string, start: number): { name: string; attrs: Map<string, string>; end: number } | null {
  let i = start + 1;
  let name = '';
  while (i < s.length && !/[\s/>]/.test(s[i])) name += s[i++];
  const attrs = new Map<string, string>();
  for (;;) {
    while (i < s.length && /[\s/]/.test(s[i])) i++;
    if (i >= s.length) return null;
    if (s[i] === '>') return { name: name.toLowerCase(), attrs, end: i + 1 };
    let attr = '';
    while (i < s.length && !/[\s/>=]/.test(s[i])) attr += s[i++];
    while (i < s.length && /\s/.test(s[i])) i++;
    let value = '';
    if (s[i] === '=') {
      i++;
      while (i < s.length && /\s/.test(s[i])) i++;
      const q = s[i];
      if (q === '"' || q === "'") {
        const close = s.indexOf(q, i + 1);
        if (close < 0) return null;
        value = s.slice(i + 1, close);
        i = close + 1;
      } else {
        while (i < s.length && !/[\s>]/.test(s[i])) value += s[i++];
      }
    }
    attr = attr.toLowerCase();
    if (attr && !attrs.has(attr)) attrs.set(attr, value);
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
