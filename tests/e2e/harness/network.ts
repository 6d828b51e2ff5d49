/** Network guard: nothing may leave 127.0.0.1 (implementation in js/network-guard.mjs). */
export { CHROMIUM_BACKGROUND_HOSTS, NetworkGuard, isAllowedUrl, proxyHitHost, startEscapeProxy } from './js/network-guard.mjs';
export type { EscapeProxy, Violation } from './js/network-guard.mjs';
