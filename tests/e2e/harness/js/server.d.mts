export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  path: string;
  status: number;
  userAgent: string;
  referer?: string;
  /** Date.now() when it was answered. */
  at: number;
}

export interface FixtureServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** http://127.0.0.1:PORT/seed/article.html */
  seedUrl: string;
  /** `<shared>/corpus/`, served under /corpus/ (may not exist). */
  corpusDir: string;
  url(path: string): string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export function startServer(options?: { root?: string; shared?: string }): Promise<FixtureServer>;
