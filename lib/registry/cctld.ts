/**
 * Country-code top-level domains → ISO 3166-1 alpha-2 countries.
 *
 * Every ISO 3166-1 code is its own ccTLD, lowercased, with these exceptions:
 * - `.uk` is the United Kingdom (ISO "GB"); `.gb` exists too and also maps to GB.
 * - `.eu` (European Union), `.su` (former Soviet Union) and `.ac` (Ascension, not an ISO code)
 *   name no country.
 * - Generic TLDs (.com, .org, .news, …) name no country.
 * - Internationalised ccTLDs (`.рф`, `.中国`, …) map like their ASCII twins; their punycode
 *   forms (`.xn--p1ai`) are derived at first use with the platform's URL parser.
 *
 * Some ccTLDs are mostly used as generic names (`.io`, `.tv`, `.fm`, `.co`, `.me`, …): a domain
 * under them says little about where a publisher is. `tldCountry` leaves them out unless asked
 * (`{ includeGenericUse: true }`); the registry build never derives a country from them.
 */

/** ISO 3166-1 alpha-2 codes (2024), every one of which is also a ccTLD label when lowercased. */
const ISO_CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

/** Internationalised ccTLDs (IANA root zone), by the country they belong to. */
const IDN_CCTLDS: Record<string, string> = {
  рф: 'RU',
  срб: 'RS',
  укр: 'UA',
  бел: 'BY',
  қаз: 'KZ',
  мкд: 'MK',
  мон: 'MN',
  бг: 'BG',
  ελ: 'GR',
  中国: 'CN',
  中國: 'CN',
  香港: 'HK',
  台湾: 'TW',
  台灣: 'TW',
  澳門: 'MO',
  新加坡: 'SG',
  한국: 'KR',
  ไทย: 'TH',
  भारत: 'IN',
  ভারত: 'IN',
  భారత్: 'IN',
  ભારત: 'IN',
  ਭਾਰਤ: 'IN',
  இந்தியா: 'IN',
  بھارت: 'IN',
  مصر: 'EG',
  السعودية: 'SA',
  امارات: 'AE',
  الاردن: 'JO',
  ایران: 'IR',
  قطر: 'QA',
  فلسطين: 'PS',
  تونس: 'TN',
  الجزائر: 'DZ',
  المغرب: 'MA',
  سورية: 'SY',
  عمان: 'OM',
  البحرين: 'BH',
  عراق: 'IQ',
  سودان: 'SD',
  موريتانيا: 'MR',
  پاکستان: 'PK',
  ලංකා: 'LK',
  இலங்கை: 'LK',
  հայ: 'AM',
  გე: 'GE',
};

/** ccTLDs that mostly serve as generic names; no country is derived from them by default. */
export const GENERIC_USE_CCTLDS: ReadonlySet<string> = new Set([
  // Treated as generic by major search engines.
  'ad', 'as', 'bz', 'cc', 'cd', 'co', 'dj', 'fm', 'io', 'la', 'me', 'ms', 'nu', 'sc', 'sr', 'tv', 'tk', 'ws',
  // Marketed or widely used as generic names as well.
  'ag', 'ai', 'cf', 'cx', 'ga', 'gg', 'gq', 'gs', 'ly', 'ml', 'sh', 'st', 'to', 'vc',
]);

const TABLE: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const code of ISO_CODES.split(' ')) m.set(code.toLowerCase(), code);
  m.set('uk', 'GB');
  for (const [tld, country] of Object.entries(IDN_CCTLDS)) m.set(tld, country);
  return m;
})();

let punycodeAdded = false;
function addPunycodeForms(): void {
  if (punycodeAdded) return;
  punycodeAdded = true;
  for (const [tld, country] of Object.entries(IDN_CCTLDS)) {
    try {
      const host = new URL(`http://a.${tld}/`).hostname;
      const ascii = host.slice(host.lastIndexOf('.') + 1);
      if (ascii && ascii !== tld) TABLE.set(ascii, country);
    } catch {
      // A platform without IDNA support: the Unicode form still works.
    }
  }
}

/** The full ccTLD table: TLD label (lowercase, Unicode or punycode) → ISO alpha-2 country. */
export function ccTldTable(): ReadonlyMap<string, string> {
  addPunycodeForms();
  return TABLE;
}

export interface TldCountryOptions {
  /** Also map ccTLDs mostly used as generic names (.io → IO, .tv → TV). Default false. */
  includeGenericUse?: boolean;
}

/**
 * The country of a host's or domain's country-code TLD: "example.de" → "DE",
 * "bbc.co.uk" → "GB", "example.com" / "europa.eu" → undefined.
 * Accepts a bare TLD ("de", ".de") too.
 */
export function tldCountry(hostOrTld: string, options: TldCountryOptions = {}): string | undefined {
  let host = hostOrTld.trim().toLowerCase();
  const slash = host.indexOf('/');
  if (slash >= 0) host = host.slice(0, slash);
  host = host.replace(/\.+$/, '');
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!tld) return undefined;
  if (!options.includeGenericUse && GENERIC_USE_CCTLDS.has(tld)) return undefined;
  return ccTldTable().get(tld);
}
