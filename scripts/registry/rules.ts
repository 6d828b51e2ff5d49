/**
 * The registry build's rules, in one place (documented in registry/README.md): dataset
 * precedence, category → type mappings, languages derived from countries, US state names.
 */
import type { Ownership, SourceType } from '../../lib/registry/schema';

/** Dataset ids. */
export const DS = {
  curated: 'curated',
  fundus: 'fundus',
  localNews: 'local-news-dataset',
  rspParser: 'wiki-reliable-sources-parser',
  rsp2021: 'wikipedia-perennial-sources',
  citeUnseen: 'citeunseen',
  cred1: 'cred-1',
  lin: 'domain-quality-ratings',
  rules: 'sourcelens-rules',
} as const;

/**
 * Precedence between datasets for every fact: the first dataset that states a fact wins.
 * Curated facts (checked by hand) win over all datasets; then the datasets that describe
 * publishers one by one with country (fundus, maintained in 2026; the Local News Dataset, 2018);
 * then Wikipedia's perennial-sources list (names, newest first), Cite Unseen (types), CRED-1 and
 * Lin et al. (ratings only); facts derived by our own rules come last.
 */
export const PRECEDENCE: readonly string[] = [
  DS.curated,
  DS.fundus,
  DS.localNews,
  DS.rspParser,
  DS.rsp2021,
  DS.citeUnseen,
  DS.cred1,
  DS.lin,
  DS.rules,
];

export function precedence(dataset: string): number {
  const i = PRECEDENCE.indexOf(dataset);
  return i < 0 ? PRECEDENCE.length : i;
}

/** When the rules (not the data) last changed: the date of the `sourcelens-rules` dataset. */
export const RULES_DATE = '2026-11-27';

/** Types that are forms of news publishing: a generic "news" claim agrees with any of them. */
export const NEWS_FORMS: ReadonlySet<SourceType> = new Set(['news-agency', 'broadcaster', 'newspaper', 'magazine', 'online-news']);

/**
 * Cite Unseen categories → type. `strength: 'weak'` marks a generic "news" class that a more
 * specific type from another dataset refines without a conflict. `null`: the category carries no
 * type (the perennial-source tiers, which become ratings instead).
 */
export const CITE_UNSEEN_TYPES: Record<string, { type: SourceType; strength: 'strong' | 'weak'; ownership?: Ownership } | null> = {
  // In order of priority: a site in two categories takes the first one's type. "government"
  // (government and state media) comes before "advocacy", which also lists state media.
  government: { type: 'government', strength: 'strong', ownership: 'state' },
  tvPrograms: { type: 'broadcaster', strength: 'strong' },
  press: { type: 'press-release', strength: 'strong' },
  satire: { type: 'satire', strength: 'strong' },
  social: { type: 'social-media', strength: 'strong' },
  editable: { type: 'reference', strength: 'strong' },
  books: { type: 'reference', strength: 'strong' },
  predatory: { type: 'academic', strength: 'strong' },
  blogs: { type: 'blog', strength: 'strong' },
  sponsored: { type: 'other', strength: 'strong' },
  advocacy: { type: 'advocacy', strength: 'strong' },
  news: { type: 'online-news', strength: 'weak' },
  community: { type: 'online-news', strength: 'weak' },
  opinions: { type: 'online-news', strength: 'weak' },
  tabloids: { type: 'online-news', strength: 'weak' },
  rspBlacklisted: null,
  rspDeprecated: null,
  rspGenerallyReliable: null,
  rspGenerallyUnreliable: null,
  rspMarginallyReliable: null,
  rspMulti: null,
};

/** Cite Unseen's perennial-source tiers → `wikipedia-perennial` status codes. */
export const CITE_UNSEEN_RSP: Record<string, string> = {
  rspGenerallyReliable: 'gr',
  rspMarginallyReliable: 'nc',
  rspGenerallyUnreliable: 'gu',
  rspDeprecated: 'd',
  rspBlacklisted: 'b',
  rspMulti: 'm',
};

/** Local News Dataset `medium` → type. */
export const LOCAL_NEWS_TYPES: Record<string, SourceType> = {
  Newspapers: 'newspaper',
  'College Newspapers': 'newspaper',
  Magazines: 'magazine',
  'TV station': 'broadcaster',
};

/** 2021 perennial-sources status words → status codes. */
export const RSP_2021_STATUS: Record<string, string> = {
  'Generally reliable': 'gr',
  'No consensus': 'nc',
  'Generally unreliable': 'gu',
  Deprecated: 'd',
  Blacklisted: 'b',
};

/**
 * Languages derived from a country, only where one language is what that country's press
 * overwhelmingly publishes in (no second official or widely used press language). Countries
 * left out (BE, CA, CH, FI, IL, IN, LU, UA, ZA, …) get no derived language.
 * ES: Castilian is the state-wide language; the co-official regional languages are left to
 * curated entries.
 */
export const COUNTRY_LANGUAGE: Readonly<Record<string, string>> = {
  AL: 'sq', AM: 'hy', AR: 'es', AT: 'de', AU: 'en', AZ: 'az', BD: 'bn', BG: 'bg', BR: 'pt', CL: 'es',
  CN: 'zh', CO: 'es', CR: 'es', CU: 'es', CZ: 'cs', DE: 'de', DK: 'da', DO: 'es', EC: 'es', EG: 'ar',
  ES: 'es', FR: 'fr', GB: 'en', GE: 'ka', GR: 'el', GT: 'es', HN: 'es', HR: 'hr', HU: 'hu', ID: 'id',
  IE: 'en', IR: 'fa', IS: 'is', IT: 'it', JO: 'ar', JP: 'ja', KR: 'ko', KW: 'ar', LI: 'de', LT: 'lt',
  LV: 'lv', MK: 'mk', MN: 'mn', MX: 'es', NI: 'es', NL: 'nl', NO: 'no', NP: 'ne', NZ: 'en', OM: 'ar',
  PA: 'es', PE: 'es', PL: 'pl', PS: 'ar', PT: 'pt', RO: 'ro', RS: 'sr', RU: 'ru', SA: 'ar', SE: 'sv',
  SI: 'sl', SK: 'sk', SV: 'es', SY: 'ar', TH: 'th', TR: 'tr', TW: 'zh', US: 'en', UY: 'es', VE: 'es',
  VN: 'vi',
};

/** Owners (or names) of US stations that broadcast in Spanish. */
export const SPANISH_LANGUAGE_US_TV = /univision|telemundo|unim[aá]s|azteca|estrella tv/i;

/** US states and territories by USPS code (Local News Dataset `state`). */
export const US_STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
  CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia',
  HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas',
  KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts',
  MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico',
  NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma',
  OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota',
  TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington',
  WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico', GU: 'Guam',
  VI: 'U.S. Virgin Islands', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};

/** fundus country sections that are not ISO codes. */
export const FUNDUS_COUNTRY: Readonly<Record<string, string>> = { UK: 'GB', IND: 'IN', ISL: 'IS' };

/**
 * Hosting and social platforms: a page on them is not the platform's own publication, so a
 * dataset row pointing at one is keyed by its subdomain or first path segment.
 */
export const PLATFORM_DOMAINS: ReadonlySet<string> = new Set([
  'facebook.com', 'twitter.com', 'x.com', 'instagram.com', 'youtube.com', 'tiktok.com', 'linkedin.com',
  'google.com', 'sites.google.com', 'blogspot.com', 'wordpress.com', 'weebly.com', 'wixsite.com',
  'tumblr.com', 'typepad.com', 'squarespace.com', 'substack.com', 'medium.com', 'spotify.com',
  'myspace.com', 'homestead.com', 'webs.com', 'jimdo.com', 'yolasite.com', 'angelfire.com',
  'tripod.com', 'livejournal.com', 'wikipedia.org',
]);
