/** A static server on 127.0.0.1 for bench pages: path → file or generated body. */
import fs from 'node:fs';
import http from 'node:http';

export interface BenchServer {
  origin: string;
  url(p: string): string;
  close(): Promise<void>;
}

export type Route = { file: string } | { body: string | Buffer };

export async function startBenchServer(routes: Record<string, Route>): Promise<BenchServer> {
  const cache = new Map<string, Buffer>();
  const server = http.createServer((req, res) => {
    const p = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = routes[p];
    if (!route) {
      res.writeHead(p === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    let body = cache.get(p);
    if (!body) {
      body = 'file' in route ? fs.readFileSync(route.file) : Buffer.from(route.body);
      cache.set(p, body);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(body);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (p) => origin + p,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
