/**
 * The options page: the user's own sources (table, add/edit form, copy from a bundled
 * source), import and export, the sites where SourceLens is switched off, and the registry's
 * datasets and licences.
 *
 * State lives in storage.local (lib/user-sources.ts, lib/settings.ts); the page follows
 * changes made elsewhere (another options tab, the popup's site switch). Confirmations are
 * announced in one polite live region; problems in alerts next to what caused them.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Source } from '../../lib/registry/schema';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { USER_SOURCES_KEY, removeSource } from '../../lib/user-sources';
import { t } from '../i18n';
import { Logo } from '../Logo';
import { AboutSection } from './AboutSection';
import { ImportExport } from './ImportExport';
import { ReuseSection } from './ReuseSection';
import { SitesSection } from './SitesSection';
import { SourcesSection } from './SourcesSection';
import { ask, readSettings, readUserSources, watchStorage, writeSettings, writeUserSources } from './store';

interface Status {
  /** Changes with every message, so the same text is announced again. */
  seq: number;
  text: string;
  undo?: () => void;
}

/** Names of bundled sources by id, looked up in batches from the background. */
function useBundledNames(ids: readonly string[]) {
  const [names, setNames] = useState<Record<string, string | null>>({});
  const pending = useRef(new Set<string>());
  const asked = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    timer.current = null;
    const batch = [...pending.current];
    pending.current.clear();
    if (!batch.length) return;
    ask({ type: 'options→background:bundled', ids: batch })
      .then((found) => {
        setNames((prev) => {
          const next = { ...prev };
          for (const id of batch) next[id] = found[id] ?? null;
          return next;
        });
      })
      .catch(() => {
        for (const id of batch) asked.current.delete(id);
      });
  }, []);

  const request = useCallback(
    (id: string) => {
      if (!id || asked.current.has(id) || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return;
      asked.current.add(id);
      pending.current.add(id);
      timer.current ??= setTimeout(flush, 120);
    },
    [flush],
  );

  useEffect(() => {
    for (const id of ids) request(id);
  }, [ids.join('\n'), request]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const lookup = useCallback(
    (id: string): string | undefined => {
      if (!(id in names)) request(id);
      return names[id] ?? undefined;
    },
    [names, request],
  );
  const known: Record<string, string> = {};
  for (const [id, name] of Object.entries(names)) if (name) known[id] = name;
  return { known, lookup };
}

export function OptionsApp() {
  const [sources, setSources] = useState<Source[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const seq = useRef(0);
  const undoRef = useRef<HTMLButtonElement>(null);
  const bundled = useBundledNames(sources?.map((s) => s.id) ?? []);

  const announce = useCallback((text: string, undo?: () => void) => {
    seq.current += 1;
    setStatus({ seq: seq.current, text, undo });
  }, []);

  const loadSources = useCallback(async () => {
    try {
      const loaded = await readUserSources();
      setSources(loaded.sources);
      setProblems(loaded.problems);
    } catch (error) {
      setSources([]);
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, []);
  const loadSettings = useCallback(async () => {
    try {
      setSettings(await readSettings());
    } catch {
      setSettings({ ...DEFAULT_SETTINGS });
    }
  }, []);

  useEffect(() => {
    void loadSources();
    void loadSettings();
    return watchStorage((key) => {
      if (key === USER_SOURCES_KEY) void loadSources();
      else void loadSettings();
    });
  }, [loadSources, loadSettings]);

  const store = useCallback(
    async (next: Source[], message: string, undo?: () => void) => {
      try {
        await writeUserSources(next);
        setSources(next);
        setProblems([]);
        announce(message, undo);
      } catch (error) {
        announce(t('opt_save_failed', error instanceof Error ? error.message : String(error)));
        throw error;
      }
    },
    [announce],
  );

  const remove = useCallback(
    (source: Source) => {
      if (!sources) return;
      const before = sources;
      const at = before.findIndex((s) => s.id === source.id);
      const next = removeSource(before, source.id);
      const undo = () => {
        // Put it back where it was, unless a source with its id came meanwhile.
        void readUserSources().then(({ sources: now }) => {
          if (now.some((s) => s.id === source.id)) return;
          const restored = [...now];
          restored.splice(Math.min(at, restored.length), 0, source);
          return store(restored, t('opt_restored', source.name));
        });
      };
      store(next, t('opt_removed', source.name), undo).then(
        // The row (and its button) is gone: keep the keyboard near, on "Undo".
        () => setTimeout(() => undoRef.current?.focus(), 0),
        () => {},
      );
    },
    [sources, store],
  );

  const storeSettings = useCallback(
    async (next: Settings, message: string) => {
      try {
        // Start from what is stored now (the popup may have changed it), then apply the change.
        const current = await readSettings();
        const merged: Settings = { ...current, mode: next.mode, disabledSites: next.disabledSites, enabledSites: next.enabledSites };
        await writeSettings(merged);
        setSettings(merged);
        announce(message);
      } catch (error) {
        announce(t('opt_save_failed', error instanceof Error ? error.message : String(error)));
        throw error;
      }
    },
    [announce],
  );

  return (
    <div class="so-page">
      <a class="so-skip" href="#main">
        {t('opt_skip')}
      </a>
      <header class="so-header">
        <div class="so-brand">
          <Logo size={32} />
          <h1 class="so-title">{t('opt_title')}</h1>
        </div>
        <nav class="so-nav" aria-label={t('opt_nav_label')}>
          <ul>
            <li>
              <a href="#sources">{t('opt_sources_title')}</a>
            </li>
            <li>
              <a href="#import">{t('opt_import_title')}</a>
            </li>
            <li>
              <a href="#sites">{t('opt_sites_title')}</a>
            </li>
            <li>
              <a href="#about">{t('opt_about_title')}</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" class="so-main" tabIndex={-1} data-testid="options" data-state={sources === null ? 'loading' : 'ready'}>
        {loadError && (
          <p class="so-notice so-notice--error" role="alert">
            {t('opt_load_failed', loadError)}
          </p>
        )}
        {sources === null ? (
          <p class="so-muted">{t('opt_loading')}</p>
        ) : (
          <>
            <SourcesSection
              sources={sources}
              bundled={bundled.known}
              bundledName={bundled.lookup}
              onChange={store}
              onRemove={remove}
              problems={problems}
              announce={announce}
            />
            <ImportExport sources={sources} onImport={store} announce={announce} />
          </>
        )}
        <SitesSection settings={settings} onChange={storeSettings}>
          <ReuseSection settings={settings} announce={announce} />
        </SitesSection>
        <AboutSection userSources={sources?.length ?? 0} />
      </main>
      <div class="so-status-bar" data-visible={status ? 'true' : 'false'}>
        <p class="so-status" role="status" aria-live="polite" aria-atomic="true" data-testid="status">
          {status && <span key={status.seq}>{status.text}</span>}
        </p>
        {status?.undo && (
          <button
            type="button"
            ref={undoRef}
            class="so-button so-button--small"
            onClick={() => {
              const undo = status.undo;
              setStatus(null);
              undo?.();
            }}
          >
            {t('opt_undo')}
          </button>
        )}
      </div>
    </div>
  );
}
