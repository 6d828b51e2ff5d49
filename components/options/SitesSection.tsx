/**
 * "Sites" (lib/settings.ts): where SourceLens runs. In mode "everywhere" it lists the sites
 * where it is switched off, each with a button to switch it on again; in mode "listed-only"
 * the sites where it is on, each with a button to take it off the list. A site can be added
 * to the list by its address.
 */
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { siteKey, type Settings, type SiteMode } from '../../lib/settings';
import { t } from '../i18n';

export interface SitesSectionProps {
  settings: Settings | null;
  /** Stores new settings; `message` is announced once stored. */
  onChange: (settings: Settings, message: string) => Promise<void>;
  /** More site-related settings, shown at the end of the section (e.g. copies across sites). */
  children?: ComponentChildren;
}

/** A site key worth storing: a host name with a dot, localhost (with or without port), or "file://". */
function plausibleSite(key: string): boolean {
  if (key === 'file://') return true;
  return /^(?:localhost|[a-z0-9\u00a1-\uffff-]+(?:\.[a-z0-9\u00a1-\uffff-]+)+|\[[0-9a-f:]+\])(?::\d{1,5})?$/u.test(key);
}

export function SitesSection({ settings, onChange, children }: SitesSectionProps) {
  const uid = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  if (settings === null) {
    return (
      <section id="sites" class="so-section" aria-labelledby="sites-title">
        <h2 id="sites-title" class="so-section-title" tabIndex={-1}>
          {t('opt_sites_title')}
        </h2>
        {children}
      </section>
    );
  }
  const listed = settings.mode === 'listed-only';
  const sites = listed ? settings.enabledSites : settings.disabledSites;
  const listKey = listed ? 'enabledSites' : 'disabledSites';

  const focusHeading = () => setTimeout(() => document.getElementById('sites-title')?.focus(), 0);

  function setMode(mode: SiteMode) {
    if (mode === settings!.mode) return;
    void onChange(
      { ...settings!, mode },
      mode === 'listed-only' ? t('opt_sites_mode_listed_saved') : t('opt_sites_mode_everywhere_saved'),
    );
  }

  function removeSite(site: string) {
    void onChange(
      { ...settings!, [listKey]: sites.filter((s) => s !== site) },
      listed ? t('opt_site_unlisted', site) : t('opt_site_enabled', site),
    ).then(focusHeading, () => {});
  }

  function addSite(event: Event) {
    event.preventDefault();
    const key = siteKey(draft);
    if (!key || !plausibleSite(key)) {
      setError(t('opt_site_invalid'));
      return;
    }
    setError('');
    if (sites.includes(key)) {
      setDraft('');
      return;
    }
    void onChange(
      { ...settings!, [listKey]: [...sites, key] },
      listed ? t('opt_site_listed', key) : t('opt_site_disabled', key),
    ).then(() => setDraft(''), () => {});
  }

  return (
    <section id="sites" class="so-section" aria-labelledby="sites-title">
      <h2 id="sites-title" class="so-section-title" tabIndex={-1}>
        {t('opt_sites_title')}
      </h2>
      <fieldset class="so-fieldset so-modes">
        <legend class="so-label">{t('opt_sites_mode_legend')}</legend>
        <label class="so-radio">
          <input
            type="radio"
            name={`${uid}-mode`}
            value="everywhere"
            checked={!listed}
            onChange={() => setMode('everywhere')}
          />
          {t('opt_sites_mode_everywhere')}
        </label>
        <label class="so-radio">
          <input
            type="radio"
            name={`${uid}-mode`}
            value="listed-only"
            checked={listed}
            onChange={() => setMode('listed-only')}
          />
          {t('opt_sites_mode_listed')}
        </label>
      </fieldset>

      <h3 class="so-subtitle" id={`${uid}-list-title`}>
        {listed ? t('opt_sites_on_title') : t('opt_sites_off_title')}
      </h3>
      {sites.length === 0 ? (
        <p class="so-empty" data-testid="sites-empty">
          {listed ? t('opt_sites_empty_listed') : t('opt_sites_empty')}
        </p>
      ) : (
        <ul class="so-sites" aria-labelledby={`${uid}-list-title`} data-testid="sites-list">
          {sites.map((site) => (
            <li key={site} class="so-site">
              <span class="so-mono">{site}</span>
              <button
                type="button"
                class="so-button so-button--small"
                data-site={site}
                aria-label={listed ? t('opt_site_unlist_label', site) : t('opt_site_enable_label', site)}
                onClick={() => removeSite(site)}
              >
                {listed ? t('opt_remove') : t('opt_site_enable')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <form class="so-site-add" onSubmit={addSite} noValidate>
        <div class="so-field">
          <label class="so-label" for={`${uid}-add`}>
            {listed ? t('opt_site_add_listed') : t('opt_site_add_off')}
          </label>
          <p class="so-hint" id={`${uid}-add-hint`}>
            {t('opt_site_add_hint')}
          </p>
          {error && (
            <p class="so-field-error" id={`${uid}-add-error`} role="alert">
              {error}
            </p>
          )}
          <div class="so-inline">
            <input
              id={`${uid}-add`}
              class="so-input"
              value={draft}
              spellcheck={false}
              autoComplete="off"
              aria-describedby={`${uid}-add-hint${error ? ` ${uid}-add-error` : ''}`}
              aria-invalid={error ? true : undefined}
              onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
            />
            <button type="submit" class="so-button">
              {t('opt_site_add_button')}
            </button>
          </div>
        </div>
      </form>
      {children}
    </section>
  );
}
