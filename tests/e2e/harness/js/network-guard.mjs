// @ts-check
/**
 * Network guard: nothing may leave 127.0.0.1.
 *
 * Two layers:
 * 1. What the automation protocol sees (Chromium: every request of the context, service worker
 *    included; Firefox: every page's requests) goes through `guard.check(url, source)`.
 * 2. A catch-all "escape proxy" on 127.0.0.1 that the browser is configured to use for every
 *    non-loopback destination (Chromium: --proxy-server, loopback is never proxied; Firefox:
 *    network.proxy.* prefs, localhost is never proxied). Anything reaching it (browser
 *    telemetry, an extension background fetch the protocol does not report, DNS-less
 *    CONNECTs…) is recorded as a violation and refused: it cannot leave the machine.
 */
import http from 'node:http';

const ALWAYS_ALLOWED = new Set(['chrome-extension:', 'moz-extension:', 'data:', 'blob:', 'about:']);

/** True when a request to `url` stays on this machine (127.0.0.1) or inside the browser. */
export function isAllowedUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (ALWAYS_ALLOWED.has(u.protocol)) return true;
  if (['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return u.hostname === '127.0.0.1';
  return false;
}

/**
 * Chromium's own background services (on-device model manifest update check, GAIA account
 * list) that Chromium 156 contacts even with --disable-background-networking,
 * --disable-component-update and Playwright's feature switches. Without the escape proxy they
 * die at DNS (--host-resolver-rules); with it they are refused by the proxy. Either way nothing
 * leaves the machine. They are not SourceLens's requests (the DevTools protocol, which sees
 * every request of pages and of the extension's service worker, never reports them), so they
 * are kept apart in `guard.background` instead of failing the run. Exact hosts only.
 */
export const CHROMIUM_BACKGROUND_HOSTS = [
  'accounts.google.com',
  'update.googleapis.com',
  'clients1.google.com',
  'clients2.google.com',
  'optimizationguide-pa.googleapis.com',
  'redirector.gvt1.com',
];

/** The host of a proxy hit ("CONNECT host:443" or "GET http://host/…"). */
export function proxyHitHost(hit) {
  const [, target = ''] = hit.split(' ');
  try {
    return target.includes('://') ? new URL(target).hostname : new URL(`http://${target}`).hostname;
  } catch {
    return '';
  }
}

export class NetworkGuard {
  /** @param {{ backgroundHosts?: string[] }} [options] */
  constructor(options = {}) {
    /** @type {import('./network-guard.d.mts').Violation[]} */
    this.violations = [];
    /** Browser background attempts (see CHROMIUM_BACKGROUND_HOSTS), refused by the proxy. */
    /** @type {import('./network-guard.d.mts').Violation[]} */
    this.background = [];
    this.backgroundHosts = new Set(options.backgroundHosts ?? []);
    /** Number of requests checked (to show the guard actually saw traffic). */
    this.checked = 0;
    /** @type {import('./network-guard.d.mts').EscapeProxy | null} */
    this.proxy = null;
  }

  /** Record `url` as seen by `source`; returns whether it was allowed. */
  check(url, source) {
    this.checked++;
    const ok = isAllowedUrl(url);
    if (!ok) this.violations.push({ url, source, at: Date.now() });
    return ok;
  }

  /** Start the escape proxy; its hits become violations. */
  async startProxy() {
    this.proxy = await startEscapeProxy((hit) => {
      if (this.backgroundHosts.has(proxyHitHost(hit.url))) this.background.push(hit);
      else this.violations.push(hit);
    });
    return this.proxy;
  }

  /** A readable list of the violations (for assertion messages). */
  describe() {
    return this.violations.map((v) => `${v.source}: ${v.url}`).join('\n');
  }

  async close() {
    await this.proxy?.close();
    this.proxy = null;
  }
}

/**
 * A proxy that forwards nothing: it records each request (plain HTTP: the absolute URL;
 * HTTPS/WSS: the CONNECT target) and refuses it.
 * @param {(hit: import('./network-guard.d.mts').Violation) => void} onHit
 */
export async function startEscapeProxy(onHit) {
  /** @type {import('./network-guard.d.mts').Violation[]} */
  const hits = [];
  const record = (url) => {
    const hit = { url, source: 'escape-proxy', at: Date.now() };
    hits.push(hit);
    onHit(hit);
  };
  const server = http.createServer((req, res) => {
    record(`${req.method} ${req.url}`);
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('blocked by the SourceLens e2e network guard');
  });
  server.on('connect', (req, socket) => {
    record(`CONNECT ${req.url}`);
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
  });
  server.on('upgrade', (req, socket) => {
    record(`UPGRADE ${req.url}`);
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
}
