import { formatNumber, t } from './i18n';

/** Where a view of a tab's report stands. */
export type StatusState = 'loading' | 'no-tab' | 'unavailable' | 'error' | 'off' | 'on';

/**
 * One polite live-region line saying where the view stands (popup and side panel). Once the
 * report is there, its counts are for screen readers only: the view shows them itself.
 */
export function StatusLine(props: {
  state: StatusState;
  stats?: { citations: number; resolved: number };
  testId: string;
  /** `data-state`, for tests (defaults to `state`). */
  dataState?: string;
}) {
  const { state, stats } = props;
  const text =
    state === 'loading'
      ? t('state_loading')
      : state === 'error'
        ? t('state_error_title')
        : state === 'off'
          ? t('state_off_title')
          : state === 'on' && stats
            ? t('state_loaded', [formatNumber(stats.citations), formatNumber(stats.resolved)])
            : t('state_unavailable_title');
  return (
    <p class={`sl-status sl-status--${state}`} role="status" aria-live="polite" data-testid={props.testId} data-state={props.dataState ?? state}>
      {state === 'loading' && <span class="sl-spinner" aria-hidden="true" />}
      <span class={state === 'on' ? 'sl-visually-hidden' : undefined}>{text}</span>
    </p>
  );
}
