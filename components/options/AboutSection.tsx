/**
 * "About": the extension's version, the registry's version and counts, every dataset it is
 * built from (title, licence, date, address, attribution) and one sentence per rating system.
 * The registry's facts come from the background (`options→background:about`).
 */
import { useEffect, useState } from 'preact/hooks';
import type { AboutInfo } from '../../lib/options-messages';
import { formatDate, formatNumber, ratingSystemExplanation, ratingSystemName, t } from '../i18n';
import { ask, extensionVersion } from './store';

export interface AboutSectionProps {
  userSources: number;
}

function isWebAddress(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

export function AboutSection({ userSources }: AboutSectionProps) {
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [failed, setFailed] = useState(false);
  const version = extensionVersion();

  useEffect(() => {
    let live = true;
    ask({ type: 'options→background:about' })
      .then((info) => live && setAbout(info))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);

  return (
    <section id="about" class="so-section" aria-labelledby="about-title">
      <h2 id="about-title" class="so-section-title">
        {t('opt_about_title')}
      </h2>
      <p class="so-intro">{t('opt_about_intro')}</p>
      <dl class="so-facts" data-testid="about-facts">
        {version && (
          <div>
            <dt>{t('opt_about_version')}</dt>
            <dd>{version}</dd>
          </div>
        )}
        {about && (
          <>
            <div>
              <dt>{t('opt_about_registry')}</dt>
              <dd class="so-mono">{about.registryVersion}</dd>
            </div>
            <div>
              <dt>{t('opt_about_sources')}</dt>
              <dd>{formatNumber(about.sources)}</dd>
            </div>
            <div>
              <dt>{t('opt_about_rated')}</dt>
              <dd>{formatNumber(about.ratedDomains)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>{t('opt_about_yours')}</dt>
          <dd>{formatNumber(userSources)}</dd>
        </div>
      </dl>
      {failed && <p class="so-notice so-notice--warning">{t('opt_about_failed')}</p>}
      {!about && !failed && <p class="so-muted">{t('opt_loading')}</p>}

      {about && (
        <>
          <h3 class="so-subtitle">{t('opt_about_datasets')}</h3>
          <p class="so-hint">{t('opt_about_datasets_intro')}</p>
          <ul class="so-datasets" data-testid="about-datasets">
            {about.datasets.map((d) => (
              <li key={d.id} class="so-dataset">
                <h4 class="so-dataset-title">{d.title}</h4>
                <dl class="so-facts so-facts--compact">
                  <div>
                    <dt>{t('opt_about_licence')}</dt>
                    <dd>{d.licence}</dd>
                  </div>
                  <div>
                    <dt>{t('opt_about_date')}</dt>
                    <dd>{formatDate(d.date)}</dd>
                  </div>
                  {d.url && (
                    <div>
                      <dt>{t('opt_about_url')}</dt>
                      <dd>
                        {isWebAddress(d.url) ? (
                          <a href={d.url} target="_blank" rel="noreferrer noopener">
                            {d.url}
                          </a>
                        ) : (
                          <span class="so-mono">{d.url}</span>
                        )}
                      </dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('opt_about_attribution')}</dt>
                    <dd>{d.attribution}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>

          <h3 class="so-subtitle">{t('opt_about_ratings')}</h3>
          <dl class="so-rating-systems" data-testid="about-ratings">
            {about.ratingSystems.map((system) => (
              <div key={system}>
                <dt>{ratingSystemName(system)}</dt>
                <dd>{ratingSystemExplanation(system)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
