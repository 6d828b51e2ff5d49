export interface Violation {
  /** The URL (or "CONNECT host:port" for proxy hits). */
  url: string;
  /** Who saw it: "chromium:page", "chromium:service-worker", "firefox:page", "escape-proxy". */
  source: string;
  at: number;
}

export interface EscapeProxy {
  port: number;
  hits: Violation[];
  close(): Promise<void>;
}

export function isAllowedUrl(url: string): boolean;
export function startEscapeProxy(onHit: (hit: Violation) => void): Promise<EscapeProxy>;

export const CHROMIUM_BACKGROUND_HOSTS: string[];
export function proxyHitHost(hit: string): string;

export class NetworkGuard {
  constructor(options?: { backgroundHosts?: string[] });
  violations: Violation[];
  /** Browser background attempts to the allowed background hosts, refused by the proxy. */
  background: Violation[];
  backgroundHosts: Set<string>;
  checked: number;
  proxy: EscapeProxy | null;
  check(url: string, source: string): boolean;
  startProxy(): Promise<EscapeProxy>;
  describe(): string;
  close(): Promise<void>;
}
