/**
 * Word lists for the citation detector. All entries are lowercase; callers lowercase (or fold,
 * for NOT_CITATIONS) before looking up. Each list is one '|'-separated string split into a Set
 * at load. Kept short on purpose: this ships in the content script, so what a rule can decide
 * is not listed (lowercase-only tags, country-code TLDs, hiragana-only words).
 */

const set = (words: string, f?: (w: string) => string): ReadonlySet<string> => new Set(f ? words.split('|').map(f) : words.split('|'));

/** Lowercase without Latin diacritics ("Vidéo" → "video"), for accent-blind look-ups. */
export const fold = (s: string): string => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Labels that introduce a source inside a bracket: "[Quelle: dpa]", "[出典：共同通信]". */
export const SOURCE_LABELS = set(
  'quelle|quellen|quellenangabe|source|sources|fuente|fuentes|fonte|fontes|bron|bronnen|' +
    'źródło|źródła|zdroj|zdroje|kilde|kilder|källa|källor|lähde|lähteet|forrás|sursa|surse|kaynak|' +
    'источник|источники|πηγή|credit|credits|via|出典|出所|情報源|来源|來源|资料来源|資料來源|출처',
);

/**
 * Bracket contents that are never citations: editorial marks, Wikipedia maintenance and edit
 * links (en, de, fr, es, it, nl, pl, pt, ja, zh), page furniture and tags, transcript notes
 * ("[Applaus]"), editors' notes ("[NDLR]", "[Anm. d. Red.]"), keyboard keys ("[Enter]") and
 * template placeholders ("[Name]"). Compared, folded (lowercase, no diacritics), against the
 * whole whitespace-collapsed content and against each part of a multi-part marker.
 */
export const NOT_CITATIONS = set(
  // Wikipedia renders its edit links and inline tags in lowercase ("[modifier]", "[cita
  // requerida]"), which no name starts with: only capitalised or caseless ones are listed.
  'sic|citation needed|citation required|edit|edit source|bearbeiten|quelltext bearbeiten|' +
    '編集|ソースを編集|编辑|編輯|update|updated|aktualisiert|aktualisierung|clarification needed|' +
    'when|where|why|how|dead link|verification needed|failed verification|page needed|' +
    'original research|belege fehlen|beleg fehlt|quelle fehlt|nicht belegt|' +
    '要出典|要出典範囲|来源请求|需要来源|x|show|hide|expand|collapse|' +
    'anzeigen|verbergen|ausklappen|einklappen|afficher|masquer|mostrar|ocultar|top|back|' +
    'zurück|nach oben|more|mehr|mehr dazu|weiterlesen|read more|link|links|pdf|html|gif|mp3|mp4|' +
    'video|videos|audio|foto|fotos|photo|photos|bild|bilder|image|images|galerie|gallery|grafik|' +
    'infografik|karte|map|live|ticker|liveticker|eilmeldung|breaking|breaking news|exklusiv|' +
    'exclusive|anzeige|werbung|advertisement|ad|ads|sponsored|paid|plus|premium|opinion|meinung|' +
    'kommentar|commentary|analysis|analyse|interview|podcast|korrektur|correction|hinweis|note|' +
    'notes|anm.|anmerkung|anmerkungen|nota|notas|source|sources|quelle|quellen|ref|refs|reference|' +
    'references|citation|cite|todo|fixme|tbd|wip|faq|new|neu|ok|nsfw|oc|en|de|fr|ja|eng|ger|' +
    'deleted|removed|redacted|gelöscht|entfernt|laughter|applause|lachen|beifall|heiterkeit|' +
    'music|musik|inaudible|unverständlich|unintelligible|crosstalk|pause|transcript|translation|' +
    'übersetzung|traduction|archiv|archive|archived|archiviert|spoiler|tldr|' +
    '速報|動画|写真|独自|詳報|解説|更新|ライブ|随時更新|号外|続報|中継|図解|一覧|特集|' +
    'コラム|インタビュー|画像|映像|音声|注|注釈|参照|pr|編集部注|関連記事|関連ニュース|関連|' +
    '外部リンク|参考|お知らせ|広告|相关新闻|相关阅读|视频|图片|' +
    // transcripts
    'applaus|gelächter|zwischenruf|unruhe|applaudissements|rires|aplausos|risas|拍手|笑い|笑|掌声|' +
    // editors' notes ("[Anm. d. Red.]" is a phrase by rule)
    'ndlr|nda|hervorhebung im original|emphasis added|emphasis mine|n. del e.|n. de la r.|訳注|編注|' +
    // links and furniture
    'liveblog|fotostrecke|bildergalerie|mehr zum thema|lesen sie auch|lire aussi|voir aussi|' +
    'see also|más información|leer más|lea también|詳しくはこちら|続きを読む|詳細|更多|infographie|' +
    'infografía|gráfico|graphique|chart|exclusif|exclusivo|corrección|rectificatif|訂正|' +
    'faktencheck|fact check|zitat|o-ton|ende|fin|chorus|refrain|' +
    // keys and placeholders
    'enter|esc|tab|ctrl|strg|alt|shift|entf|del|return|eingabe|entrée|' +
    'name|vorname|nachname|nom|nombre|datum|date|firma|your name|ihr name',
  fold,
);


/**
 * Agency abbreviations written in lowercase, which pass the "names start uppercase" rule and
 * count as short abbreviations: "[dpa]", "[dpa/AFP]", "Berlin (dpa) –".
 */
export const LOWERCASE_AGENCIES = set(
  'dpa|epd|kna|sid|apa|ddp|dapd|ots|idea|kap|sda|ats|ansa|efe|anp|tt|ntb|ritzau|stt|pap|čtk|ctk|' +
    'mti|afp|ap|rtr|dts|afx|awp|taz|ntv|n-tv|rnd|dlf|bpb',
);

/**
 * Agencies that may credit a news paragraph ("WASHINGTON (AP) —"), besides LOWERCASE_AGENCIES
 * (the credit matcher takes both).
 */
export const KNOWN_AGENCIES = set(
  'reuters|bloomberg|xinhua|kyodo|jiji|yonhap|interfax|tass|ria novosti|belga|agerpres|lusa|' +
    'europa press|agence france-presse|associated press|press association|canadian press|' +
    'the canadian press|upi|dow jones|keystone-sda|bernama|antara|pti|ians|ani|kathpress|hina|' +
    'tanjug|mena|wam|spa|irna|anadolu|aa|dha|cna|aap|dpa-afx|kyodo news|jiji press|' +
    'deutsche presse-agentur|agencia efe|evangelischer pressedienst|katholische nachrichten-agentur',
);

/** Japanese/Chinese wire credits in 【】 at a paragraph's start: "【ワシントン共同】". */
export const CJK_CREDIT_AGENCIES = ['共同通信', '時事通信', 'AFP時事', '共同', '時事', '新華社', 'ロイター', '聯合', '新华社'];

/**
 * First words that make a bracket an editorial insertion rather than a source when the rest of
 * the content is lowercase or absent: "[He]", "[The company]", "[Die Firma selbst]".
 */
export const EDITORIAL_FIRST_WORDS = set(
  'he|she|it|they|we|i|you|his|her|its|their|our|my|your|this|that|these|those|there|here|who|' +
    'which|what|the|a|an|and|but|or|er|sie|es|wir|ich|ihr|du|der|die|das|dem|den|des|ein|eine|' +
    'einen|einem|einer|eines|und|aber|oder|dies|diese|dieser|dieses|sein|seine|il|elle|ils|elles|' +
    'on|nous|vous|je|le|la|les|un|une|et|mais|ou|lui|leur|el|los|las|lo|una|unos|unas|y|pero',
);

/** Lowercase words that join several sources in one bracket: "[AFP und dpa]". */
export const CONJUNCTIONS = set('und|and|et|y|e|en|sowie|u.|og|och|i');

/** Connectors allowed between place words of a news credit: "Frankfurt am Main (dpa) –". */
export const PLACE_CONNECTORS = set('am|an|der|de|del|da|do|dos|la|le|sur|upon|on|im|in|bei|ob|von|of|an der|el');

/** File extensions: "[report.pdf]" is a file, not a site. */
export const FILE_EXTENSIONS = set(
  'pdf|png|jpg|jpeg|gif|svg|webp|tif|tiff|doc|docx|xls|xlsx|ppt|pptx|odt|ods|rtf|txt|csv|zip|rar|' +
    '7z|gz|tar|mp3|mp4|wav|ogg|mov|avi|mkv|js|ts|json|xml|html|htm|php|py|rb|sh|exe|dmg|apk|md|' +
    'yml|ini|log|css|sql|db|epub|c|h|go|kt',
);

/** Top-level domains of three letters or more accepted for bare domains (any two letters pass). */
export const GENERIC_TLDS = set(
  'com|org|net|info|biz|edu|gov|mil|int|news|media|online|site|website|app|dev|blog|press|today|' +
    'world|global|live|tech|cloud|digital|network|agency|center|asia|africa|berlin|hamburg|wien|' +
    'swiss|radio|life|report|science|social|studio|pro|name|museum|foundation|institute|' +
    'university|health|law|legal|finance|energy|wiki|post|newsroom|zeitung|ngo|international|one',
);

/** Headings of reference lists (normalised: lowercase, no trailing colon). */
export const REFERENCE_HEADINGS = set(
  'references|reference|notes|notes and references|references and notes|footnotes|citations|' +
    'sources|source|einzelnachweise|quellen|quellenangaben|anmerkungen|fußnoten|fussnoten|belege|' +
    'nachweise|literatur und quellen|références|notes et références|sources et références|' +
    'referencias|notas|fuentes|notas y referencias|note|riferimenti|note e riferimenti|fonti|' +
    'referenties|bronnen|noten|przypisy|bibliografia|脚注|参考文献|出典|注釈|参考资料|注释|参考|' +
    'примечания|источники|ссылки',
);

/** Lowercase words allowed inside a source's name: "Corriere della Sera", "Le Monde diplomatique". */
export const NAME_CONNECTORS = set(
  'of|the|de|der|des|du|la|le|les|di|da|del|della|dello|degli|do|dos|das|van|von|vom|zu|zur|am|' +
    'an|im|für|y|e|et|en|for|on|in|at|a|el|al|und|and|sur|aus|bei',
);

/** Lowercase words that join phrases but never occur inside a source's name: "[Translated from German]". */
export const PHRASE_WORDS = set('from|by|with|to|mit|nach|par|avec|selon|laut|siehe|see');

/** Month names by their first three letters, folded (en, de, fr, es, it, pt): dates after a source. */
export const MONTHS = set('jan|feb|fev|mar|apr|avr|abr|mai|may|jun|jui|jul|aug|aou|ago|sep|set|okt|oct|out|nov|dez|dec|dic|ene|gen|giu|lug|ott');

/** Words (without a final period) that make "[Fig. 1]", "[Abb. 3]", "[Seite 4]" a pointer inside the page. */
export const POINTER_WORDS = set(
  'fig|figure|abb|abbildung|tab|table|tabelle|bild|grafik|chart|image|video|foto|photo|map|karte|' +
    'step|schritt|page|seite|s|p|pp|part|teil|chapter|kapitel|episode|folge|vol|no|nr|track|disc|' +
    'cd|anhang|appendix|annex|section|abschnitt|note|anm|fn|footnote|fußnote|slide|folie|clip|band',
);

/** Abbreviations that do not end a sentence even when a marker follows: "Dr.[1]", "z. B.[2]". */
const NON_FINAL = 'z|b|z.b|dr|prof|mr|mrs|ms|st|vs|e.g|i.e|vgl|cf|ca|nr|no|bzw|d.h|u.a|sog|mme|mlle|hr|fr|sr|gen|sen|rep|rev|capt|sgt|col|lt';
export const NON_FINAL_ABBREVIATIONS = set(NON_FINAL);

/** Abbreviations whose final period does not end a sentence (before text). */
export const ABBREVIATIONS = set(
  NON_FINAL + '|etc|usw|jh|jhd|mio|mrd|bspw|evtl|ggf|inkl|max|min|jr|co|inc|ltd|corp|dept|gov|fig|abb|m|av|art|abs|s|p|pp|vol|ed|hrsg|approx|est|ft|frau|hl',
);
