/**
 * "Copies across sites" (lib/reuse): the opt-in setting `crossPageReuse`, what it stores, how
 * much is stored now, and a button that clears it. The count comes from the background (which
 * holds the store); it is asked again after a change and when the page becomes visible.
 */
import { browser } from 'wxt/browser';
import { useCallback, useEffect, useId, useState } from 'preact/hooks';
import { DEFAULT_REUSE_CAPACITY, REUSE_KEY_PREFIX } from '../../lib/reuse/keys';
import type { Settings } from '../../lib/settings';
import { formatNumber, t } from '../i18n';
import { askReuse, readSettings, writeSettings } from './store';

export interface ReuseSectionProps {
  settings: Settings | null;
  announce: (text: string) => void;
}

type Stats = { fingerprints: number; pages: number; capacity: number } | 'failed' | null;

export function ReuseSection({ settings, announce }: ReuseSectionProps) {
  const uid = useId();
  const [stats, setStats] = useState<Stats>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setStats(await askReuse({ type: 'options→background:reuse-stats' }));
    } catch {
      setStats('failed');
    }
  }, []);

  useEffect(() => {
    void refresh();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 300);
    };
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && Object.keys(changes).some((k) => k.startsWith(REUSE_KEY_PREFIX))) later();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') later();
    };
    try {
      browser.storage.onChanged.addListener(onStorage);
    } catch {
      // no storage events: the count is refreshed on visibility and after changes made here
    }
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
      try {
        browser.storage.onChanged.removeListener(onStorage);
      } catch {
        // ignore
      }
    };
  }, [refresh]);

  const on = settings?.crossPageReuse ?? false;

  const toggle = async (next: boolean) => {
    setBusy(true);
    try {
      // Start from what is stored now (the popup may have changed other settings).
      const current = await readSettings();
      await writeSettings({ ...current, crossPageReuse: next });
      announce(next ? t('opt_reuse_on_saved') : t('opt_reuse_off_saved'));
    } catch (error) {
      announce(t('opt_save_failed', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    setBusy(true);
    try {
      await askReuse({ type: 'options→background:reuse-clear' });
      announce(t('opt_reuse_cleared'));
    } catch (error) {
      announce(t('opt_save_failed', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const capacity = stats && stats !== 'failed' ? stats.capacity : DEFAULT_REUSE_CAPACITY;
  const empty = !stats || stats === 'failed' || stats.fingerprints === 0;

  return (
    <div class="so-reuse" data-testid="reuse-section">
      <h3 class="so-subtitle" id={`${uid}-title`}>
        {t('opt_reuse_title')}
      </h3>
      <label class="so-radio">
        <input
          type="checkbox"
          data-testid="reuse-toggle"
          checked={on}
          disabled={settings === null || busy}
          aria-describedby={`${uid}-explain ${uid}-off`}
          onChange={(e) => void toggle((e.currentTarget as HTMLInputElement).checked)}
        />
        {t('opt_reuse_label')}
      </label>
      <p class="so-hint" id={`${uid}-explain`}>
        {t('opt_reuse_explain', formatNumber(capacity))}
      </p>
      <p class="so-hint" id={`${uid}-off`}>
        {t('opt_reuse_off_note')}
      </p>
      <div class="so-inline">
        <p class="so-muted" data-testid="reuse-count" data-count={stats && stats !== 'failed' ? stats.fingerprints : ''}>
          {stats === 'failed'
            ? t('opt_reuse_stats_failed')
            : stats === null
              ? t('opt_loading')
              : stats.fingerprints === 0
                ? t('opt_reuse_stored_none')
                : t('opt_reuse_stored', [formatNumber(stats.fingerprints), formatNumber(stats.pages)])}
        </p>
        <button
          type="button"
          class="so-button so-button--small"
          data-testid="reuse-clear"
          aria-label={t('opt_reuse_clear_label')}
          disabled={busy || empty}
          onClick={() => void clear()}
        >
          {t('opt_reuse_clear')}
        </button>
      </div>
    </div>
  );
}
