/**
 * What SourceLens knows about a cited source, for the popup and the in-page hovercard.
 *
 * - `SourceCard`: a resolved source (SourceInfo) with its facts, ratings and where each fact
 *   comes from. `compact` gives a short summary with the origins folded away.
 * - `UnresolvedCard`: a citation part that did not resolve: key, reason, domain, the country
 *   of its domain ending, "did you mean".
 * - `CitationCard`: one citation (ReportCitation) with a card per named source.
 *
 * Styles: components/styles/card.css (classes `sl-card*`); inside a shadow root import it
 * with `?inline` (see components/styles/index.ts). Everything from the page or the registry
 * is rendered as text.
 */
import type { ComponentChildren, JSX } from 'preact';
import type { FactOrigin, ReportCitation, SourceInfo, Unresolved } from '../lib/types';
import {
  countryName,
  factLabel,
  formatDate,
  formatList,
  formatNumber,
  languageName,
  ownershipLabel,
  plural,
  ratingSystemExplanation,
  ratingSystemName,
  ratingValueLabel,
  reasonText,
  scopeLabel,
  t,
  typeLabel,
} from './i18n';

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

export interface SourceCardProps {
  source: SourceInfo;
  /** Summary only (type, reach, country, languages, ownership, ratings in brief); origins folded. */
  compact?: boolean;
  /** How often the page cites the source; shown as a badge when given. */
  count?: number;
  /** The citation as it reads on the page ("[radioenneperuhr.de]"), shown under the name. */
  citedAs?: string;
  /** Level of the card's heading (the source's name). Default 3. */
  headingLevel?: HeadingLevel;
  /** Id for the card's root element (e.g. for aria-controls). */
  id?: string;
  /** Extra content at the end of the card (actions). */
  children?: ComponentChildren;
}

export interface UnresolvedCardProps {
  unresolved: Unresolved;
  compact?: boolean;
  citedAs?: string;
  headingLevel?: HeadingLevel;
  id?: string;
  children?: ComponentChildren;
}

export interface CitationCardProps {
  citation: ReportCitation;
  compact?: boolean;
  /** Level of each source's heading. Default 3. */
  headingLevel?: HeadingLevel;
}

function Heading({ level, children, class: className }: { level: HeadingLevel; children: ComponentChildren; class?: string }) {
  const Tag = `h${level}` as 'h3';
  return <Tag class={className}>{children}</Tag>;
}

/** The facts shown as a definition list, in this order. */
const FACT_ORDER = ['type', 'scope', 'country', 'languages', 'ownership', 'owner', 'parent', 'coverage', 'domains', 'aliases'] as const;
type ShownFact = (typeof FACT_ORDER)[number];

function factValue(source: SourceInfo, fact: ShownFact): string | null {
  switch (fact) {
    case 'type':
      return typeLabel(source.type);
    case 'scope':
      return scopeLabel(source.scope);
    case 'country':
      return source.country ? countryName(source.country) : null;
    case 'languages':
      return source.languages.length ? formatList(source.languages.map(languageName)) : null;
    case 'ownership':
      return ownershipLabel(source.ownership);
    case 'owner':
      return source.owner || null;
    case 'parent':
      return source.parentName || source.parent || null;
    case 'coverage':
      return source.coverage?.length ? source.coverage.join(', ') : null;
    case 'domains':
      return source.domains.length ? source.domains.join(', ') : null;
    case 'aliases':
      return source.aliases.length ? source.aliases.join(', ') : null;
  }
}

/** A short line: "Broadcaster · Local · Germany". */
export function sourceSummary(source: SourceInfo): string {
  return [typeLabel(source.type), scopeLabel(source.scope), countryName(source.country)].filter(Boolean).join(' · ');
}

type Tone = 'good' | 'mixed' | 'bad' | 'neutral';

function ratingTone(system: string, value: string | number): Tone {
  if (typeof value === 'number') {
    if (system === 'lin-2023') return value >= 0.7 ? 'good' : value < 0.4 ? 'bad' : 'mixed';
    return 'neutral';
  }
  const v = value.toLowerCase();
  if (system === 'wikipedia-perennial') {
    if (v === 'gr') return 'good';
    if (v === 'nc') return 'mixed';
    if (v === 'gu' || v === 'd' || v === 'b') return 'bad';
  }
  if (system === 'cred-1') {
    if (v === 'reliable') return 'good';
    if (v === 'mixed' || v === 'satire') return 'mixed';
    return 'bad';
  }
  return 'neutral';
}

interface OriginGroup {
  key: string;
  title: string;
  licence: string;
  date: string;
  facts: string[];
}

/** The datasets behind a source's facts and ratings, each with what it supplied. */
function originGroups(source: SourceInfo): OriginGroup[] {
  const groups = new Map<string, OriginGroup>();
  const add = (origin: { dataset: string; title?: string; licence: string; date: string }, fact: string) => {
    const key = `${origin.dataset}|${origin.date}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, title: origin.title || origin.dataset, licence: origin.licence, date: origin.date, facts: [] };
      groups.set(key, group);
    }
    if (!group.facts.includes(fact)) group.facts.push(fact);
  };
  for (const [fact, origin] of Object.entries(source.provenance)) {
    if (origin) add(origin, factLabel(fact));
  }
  for (const rating of source.ratings) {
    const title = Object.values(source.provenance).find((o) => o?.dataset === rating.dataset)?.title;
    add({ dataset: rating.dataset, title, licence: rating.licence, date: rating.date }, ratingSystemName(rating.system));
  }
  return [...groups.values()];
}

function Origins({ source }: { source: SourceInfo }) {
  const groups = originGroups(source);
  return (
    <details class="sl-card-origins">
      <summary>{t('card_provenance')}</summary>
      {groups.length ? (
        <ul>
          {groups.map((g) => (
            <li key={g.key}>
              <span class="sl-card-origin-title">{t('card_prov_dataset', [g.title, g.licence, formatDate(g.date)])}</span>
              <span class="sl-card-note">{t('card_prov_facts', formatList(g.facts))}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="sl-card-note">{t('card_no_provenance')}</p>
      )}
    </details>
  );
}

function FromNote({ origin }: { origin: FactOrigin | undefined }) {
  if (!origin) return null;
  return (
    <span class="sl-card-from" title={`${origin.title} · ${origin.licence}`}>
      {t('card_from', [origin.title || origin.dataset, formatDate(origin.date)])}
    </span>
  );
}

function Ratings({ source, compact }: { source: SourceInfo; compact: boolean }) {
  if (!source.ratings.length) return null;
  return (
    <div class="sl-card-ratings">
      <p class="sl-card-subhead">{t('card_ratings')}</p>
      <ul>
        {source.ratings.map((r, i) => {
          const explanation = ratingSystemExplanation(r.system);
          return (
            <li key={`${r.system}-${i}`} class="sl-card-rating">
              <span class="sl-card-rating-system" title={compact ? explanation : undefined}>
                {ratingSystemName(r.system)}
              </span>{' '}
              <strong class={`sl-card-rating-value sl-tone-${ratingTone(r.system, r.value)}`}>
                {ratingValueLabel(r.system, r.value)}
              </strong>
              {!compact && (
                <>
                  <span class="sl-card-rating-explain">{explanation}</span>
                  <span class="sl-card-note">{t('card_rating_meta', [formatDate(r.date), r.licence])}</span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function SourceCard({ source, compact = false, count, citedAs, headingLevel = 3, id, children }: SourceCardProps) {
  const facts = FACT_ORDER.map((fact) => ({ fact, value: factValue(source, fact) })).filter(
    (f): f is { fact: ShownFact; value: string } => f.value !== null,
  );
  // The compact card sums up type, reach and country in one line; the full card lists them.
  const listed = compact
    ? facts.filter((f) => f.fact === 'languages' || f.fact === 'ownership' || f.fact === 'owner')
    : facts;
  // The full card notes each fact's origin; when one dataset supplied them all, it says so once.
  const origins = listed.map((f) => source.provenance[f.fact]);
  const sameOrigin =
    origins.length > 0 &&
    origins.every((o) => o && o.dataset === origins[0]!.dataset && o.date === origins[0]!.date);
  const sharedOrigin = sameOrigin ? origins[0] : undefined;
  const perFactNotes = !compact && !sameOrigin;

  return (
    <article id={id} class={`sl-card${compact ? ' sl-card--compact' : ''}`} data-source-id={source.id}>
      <header class="sl-card-head">
        <Heading level={headingLevel} class="sl-card-name">
          {source.name}
        </Heading>
        <span class="sl-card-badges">
          {source.user && <span class="sl-badge">{t('card_user_source')}</span>}
          {count !== undefined && (
            <span class="sl-badge sl-badge--count">{t(plural('cited_times', count), formatNumber(count))}</span>
          )}
        </span>
      </header>
      {citedAs && <p class="sl-card-cited">{t('card_cited_as', citedAs)}</p>}
      <p class="sl-card-summary">{sourceSummary(source)}</p>
      {!compact && source.description && <p class="sl-card-description">{source.description}</p>}
      {listed.length > 0 && (
        <dl class="sl-card-facts" aria-label={t('card_facts', source.name)}>
          {listed.map(({ fact, value }) => (
            <div key={fact} class="sl-card-fact">
              <dt>{factLabel(fact)}</dt>
              <dd>
                <span class="sl-card-value">{value}</span>
                {perFactNotes && <FromNote origin={source.provenance[fact]} />}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {!compact && sharedOrigin && (
        <p class="sl-card-note sl-card-all-from" title={`${sharedOrigin.title} · ${sharedOrigin.licence}`}>
          {t('card_all_from', [sharedOrigin.title || sharedOrigin.dataset, formatDate(sharedOrigin.date)])}
        </p>
      )}
      <Ratings source={source} compact={compact} />
      <Origins source={source} />
      {children}
    </article>
  );
}

/** ".de" → "DE"-style country for display: "Germany (.de)". */
function tldCountryText(u: Unresolved): string | null {
  if (!u.tldCountry) return null;
  const tld = u.domain?.split('.').pop();
  const name = countryName(u.tldCountry);
  return tld ? `${name} (.${tld})` : name;
}

export function UnresolvedCard({ unresolved, compact = false, citedAs, headingLevel = 3, id, children }: UnresolvedCardProps) {
  const country = tldCountryText(unresolved);
  const suggestions = unresolved.suggestions ?? [];
  return (
    <article id={id} class={`sl-card sl-card--unresolved${compact ? ' sl-card--compact' : ''}`}>
      <header class="sl-card-head">
        <Heading level={headingLevel} class="sl-card-name">
          {unresolved.key}
        </Heading>
        <span class="sl-card-badges">
          <span class="sl-badge sl-badge--unknown">{t('unresolved_title')}</span>
        </span>
      </header>
      {citedAs && <p class="sl-card-cited">{t('card_cited_as', citedAs)}</p>}
      <p class="sl-card-reason">{reasonText(unresolved.reason)}</p>
      {(unresolved.domain || country) && (
        <dl class="sl-card-facts">
          {unresolved.domain && unresolved.domain !== unresolved.key && (
            <div class="sl-card-fact">
              <dt>{t('unresolved_domain')}</dt>
              <dd>{unresolved.domain}</dd>
            </div>
          )}
          {country && (
            <div class="sl-card-fact">
              <dt>{t('unresolved_tld_country')}</dt>
              <dd>{country}</dd>
            </div>
          )}
        </dl>
      )}
      {suggestions.length > 0 && (
        <p class="sl-card-suggest">
          {t(
            'did_you_mean',
            formatList(
              suggestions.map((s) => s.name),
              'disjunction',
            ),
          )}
        </p>
      )}
      {children}
    </article>
  );
}

/** One citation with a card per source it names (`[dpa/AFP]` names two). */
export function CitationCard({ citation, compact = false, headingLevel = 3 }: CitationCardProps): JSX.Element {
  const cards: JSX.Element[] = [];
  const seen = new Set<string>();
  let nextUnresolved = 0;
  citation.parts.forEach((part, i) => {
    const source = citation.sources[i] ?? (i === 0 ? citation.source : null);
    if (source) {
      if (seen.has(source.id)) return;
      seen.add(source.id);
      cards.push(<SourceCard key={`s-${source.id}`} source={source} compact={compact} headingLevel={headingLevel} />);
      return;
    }
    const unresolved =
      citation.unresolved.find((u) => u.key === part.key) ?? citation.unresolved[nextUnresolved];
    nextUnresolved++;
    if (unresolved) {
      cards.push(<UnresolvedCard key={`u-${i}`} unresolved={unresolved} compact={compact} headingLevel={headingLevel} />);
    }
  });
  if (!cards.length) {
    for (const [i, u] of citation.unresolved.entries()) {
      cards.push(<UnresolvedCard key={`u-${i}`} unresolved={u} compact={compact} headingLevel={headingLevel} />);
    }
  }
  return (
    <div class="sl-citation">
      <p class="sl-card-cited">{t('card_cited_as', citation.marker)}</p>
      {cards}
    </div>
  );
}
