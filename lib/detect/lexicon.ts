/**
 * Word lists for the citation detector. All entries are lowercase; callers lowercase before
 * looking up. Kept short on purpose: this ships in the content script.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.split('|'));

/** Labels that introduce a source inside a bracket: "[Quelle: dpa]", "[出典：共同通信]". */
export const SOURCE_LABELS = set(
  'quelle|quellen|quellenangabe|source|sources|fuente|fuentes|fonte|fontes|bron|bronnen|' +
    'źródło|źródła|zdroj|zdroje|kilde|kilder|källa|källor|lähde|lähteet|forrás|sursa|surse|kaynak|' +
    'источник|источники|πηγή|credit|credits|via|出典|出所|情報源|来源|來源|资料来源|資料來源|출처',
);

/**
 * Bracket contents that are never citations: editorial marks, Wikipedia maintenance and edit
 * links (en, de, fr, es, it, nl, pl, pt, ja, zh), page furniture and tags. Compared against the
 * whole whitespace-collapsed lowercase content, and against each part of a multi-part marker.
 */
export const NOT_CITATIONS = set(
  'sic|sic!|!|?|citation needed|citation required|edit|edit source|bearbeiten|quelltext bearbeiten|' +
    'modifier|modifier le code|modifier la source|editar|editar código|editar código-fuente|' +
    'editar código-fonte|modifica|modifica wikitesto|bewerken|brontekst bewerken|edytuj|edytuj kod|' +
    '編集|ソースを編集|编辑|編輯|update|updated|aktualisiert|aktualisierung|clarification needed|' +
    'when|who|where|why|which|how|by whom|according to whom|dead link|permanent dead link|' +
    'verification needed|failed verification|better source needed|page needed|' +
    'not in citation given|original research|belege fehlen|beleg fehlt|quelle fehlt|nicht belegt|' +
    'réf. nécessaire|référence nécessaire|réf. souhaitée|cita requerida|citación requerida|' +
    'sin referencias|要出典|要出典範囲|来源请求|需要来源|x|✓|✔|✗|✘|show|hide|expand|collapse|' +
    'anzeigen|verbergen|ausklappen|einklappen|afficher|masquer|mostrar|ocultar|v|t|e|top|back|' +
    'zurück|nach oben|more|mehr|mehr dazu|weiterlesen|read more|link|links|pdf|html|gif|mp3|mp4|' +
    'video|videos|audio|foto|fotos|photo|photos|bild|bilder|image|images|galerie|gallery|grafik|' +
    'infografik|karte|map|live|ticker|liveticker|eilmeldung|breaking|breaking news|exklusiv|' +
    'exclusive|anzeige|werbung|advertisement|ad|ads|sponsored|paid|plus|premium|opinion|meinung|' +
    'kommentar|commentary|analysis|analyse|interview|podcast|korrektur|correction|hinweis|note|' +
    'notes|anm.|anmerkung|anmerkungen|nota|notas|source|sources|quelle|quellen|ref|refs|reference|' +
    'references|citation|cite|todo|fixme|tbd|wip|faq|new|neu|ok|nsfw|oc|en|de|fr|es|it|ja|eng|ger|' +
    'deleted|removed|redacted|gelöscht|entfernt|laughter|applause|lachen|beifall|heiterkeit|' +
    'music|musik|inaudible|unverständlich|unintelligible|crosstalk|pause|transcript|translation|' +
    'übersetzung|traduction|archiv|archive|archived|archiviert|spoiler|tl;dr|tldr|' +
    '速報|動画|写真|独自|詳報|解説|更新|ライブ|随時更新|号外|続報|中継|図解|一覧|特集|' +
    'コラム|インタビュー|まとめ|画像|映像|音声|注|注釈|参照|pr|編集部注|関連記事|関連ニュース|関連|' +
    '外部リンク|参考|お知らせ|広告|相关新闻|相关阅读|视频|图片',
);

/**
 * Agency abbreviations written in lowercase, which pass the "names start uppercase" rule and
 * count as short abbreviations: "[dpa]", "[dpa/AFP]", "Berlin (dpa) –".
 */
export const LOWERCASE_AGENCIES = set(
  'dpa|epd|kna|sid|apa|ddp|dapd|ots|idea|kap|sda|ats|ansa|efe|anp|tt|ntb|ritzau|stt|pap|čtk|ctk|' +
    'mti|afp|ap|rtr|dts|afx|awp|taz|ntv|n-tv|rnd|dlf|bpb',
);

/** Agencies that may credit a news paragraph ("WASHINGTON (AP) —"), besides 2–6 letter capitals. */
export const KNOWN_AGENCIES = set(
  'reuters|bloomberg|xinhua|kyodo|jiji|yonhap|interfax|tass|ria novosti|efe|ansa|belga|anp|' +
    'agerpres|ritzau|lusa|europa press|agence france-presse|associated press|press association|' +
    'canadian press|the canadian press|upi|dow jones|sid|kna|epd|apa|sda|keystone-sda|bernama|' +
    'antara|pti|ians|ani|kathpress|idea|kap|ntb|tt|stt|pap|ctk|čtk|mti|hina|tanjug|mena|wam|spa|' +
    'irna|anadolu|aa|dha|cna|dpa-afx|dpa|afp|ap|sid|ddp|dapd|kyodo news|jiji press|' +
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
  'pdf|png|jpg|jpeg|gif|svg|webp|bmp|tif|tiff|ico|heic|doc|docx|xls|xlsx|ppt|pptx|odt|ods|odp|' +
    'rtf|txt|csv|tsv|zip|rar|7z|gz|tar|tgz|bz2|xz|mp3|mp4|m4a|wav|ogg|mov|avi|mkv|webm|flac|js|' +
    'mjs|cjs|ts|tsx|jsx|json|xml|html|htm|php|asp|aspx|jsp|py|rb|sh|bat|exe|dmg|apk|msi|iso|md|' +
    'yml|yaml|toml|ini|cfg|conf|log|css|scss|sql|db|epub|mobi|psd|java|c|h|cpp|go|kt|swift|bin|dat',
);

/** Country-code top-level domains (IANA), two letters each. */
export const COUNTRY_TLDS = new Set(
  ('acadaeafagaialamaoaqarasatauawaxazbabbbdbebfbgbhbibjbmbnbobrbsbtbwbybzcacccdcfcgchcickclcmcn' +
    'cocrcucvcwcxcyczdedjdkdmdodzeceeegereseteufifjfkfmfofrgagdgegfggghgiglgmgngpgqgrgsgtgugwgy' +
    'hkhmhnhrhthuidieiliminioiqirisitjejmjojpkekgkhkikmknkpkrkwkykzlalblclilklrlsltlulvlymamcmd' +
    'memgmhmkmlmmmnmompmqmrmsmtmumvmwmxmymznancnenfngninlnonpnrnunzompapepfpgphpkplpmpnprpsptpw' +
    'pyqareroesrsrurwsasbscsdsesgshsiskslsmsnsosrssstsusvsxsysztctdtftgthtjtktltmtntotrtttvtwtz' +
    'uaugukusuyuzvavcvevgvivnvuwfwsyeytzazmzw')
    .match(/../g) ?? [],
);

/** Generic top-level domains accepted for bare domains (besides the country codes). */
export const GENERIC_TLDS = set(
  'com|org|net|info|biz|edu|gov|mil|int|news|media|online|site|website|tv|fm|am|io|ai|app|dev|' +
    'blog|press|today|world|global|live|space|tech|store|shop|club|xyz|top|cloud|digital|network|' +
    'agency|center|email|eu|asia|africa|berlin|hamburg|koeln|cologne|bayern|nrw|ruhr|saarland|wien|' +
    'swiss|paris|london|nyc|tokyo|radio|life|community|report|reviews|science|social|studio|' +
    'zone|systems|solutions|info|pro|name|mobi|coop|museum|aero|jobs|travel|tel|earth|foundation|' +
    'institute|university|school|church|health|law|legal|finance|money|markets|energy|green|eco|' +
    'politik|wiki|post|newsroom|zeitung|moe|ngo|ong|international|page|link|one|new|art|vote|bund',
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

/** Words that make "[Fig. 1]", "[Abb. 3]", "[Seite 4]" a pointer inside the page, not a source. */
export const POINTER_WORDS = set(
  'fig|fig.|figure|abb|abb.|abbildung|tab|tab.|table|tabelle|bild|grafik|chart|image|video|foto|' +
    'photo|map|karte|step|schritt|page|seite|s.|p.|pp.|part|teil|chapter|kapitel|episode|folge|' +
    'vol|vol.|no|no.|nr|nr.|track|disc|cd|anhang|appendix|annex|section|abschnitt|note|anm.|fn|' +
    'footnote|fußnote|slide|folie|clip|teil|band',
);

/** Abbreviations whose final period does not end a sentence. */
export const ABBREVIATIONS = set(
  'z|b|bzw|ca|dr|prof|nr|no|mr|mrs|ms|st|vs|etc|e.g|i.e|u.a|d.h|z.b|usw|vgl|jh|jhd|mio|mrd|' +
    'bspw|evtl|ggf|inkl|max|min|sog|sr|jr|co|inc|ltd|corp|dept|gen|gov|sen|rep|rev|fig|abb|' +
    'mme|mlle|m|av|art|abs|s|p|pp|vol|ed|hrsg|cf|approx|est|ft|lt|col|capt|sgt|hr|fr|frau|hl',
);

/** Abbreviations that do not end a sentence even when a marker follows: "Dr.[1]", "z. B.[2]". */
export const NON_FINAL_ABBREVIATIONS = set('z|b|z.b|dr|prof|mr|mrs|ms|st|vs|e.g|i.e|vgl|cf|ca|nr|no|bzw|d.h|u.a|sog|mme|mlle|hr|fr|sr|gen|sen|rep|rev|capt|sgt|col|lt');
