// @ts-check
/**
 * A static HTTP server on 127.0.0.1 (free port) for fixture pages. It records every request.
 *
 *   /seed/<file>   → <shared>/fixtures/seed/<file>   (the seed article: /seed/article.html)
 *   /pages/<path>  → tests/fixtures/pages/<path>
 *   /corpus/<path> → <shared>/corpus/<path>   (saved real pages; 404 when the folder is missing)
 *   /favicon.ico   → 204 (browsers ask for it; keeps the log quiet)
 *   anything else  → 404
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fixturePagesDir, projectRoot, seedArticlePath, sharedDir } from './paths.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolve `rel` inside `base`, or null when it would escape it. */
function inside(base, rel) {
  const full = path.resolve(base, '.' + path.posix.normalize('/' + rel));
  return full === base || full.startsWith(base + path.sep) ? full : null;
}

/**
 * @param {{ root?: string, shared?: string }} [options]
 */
export async function startServer(options = {}) {
  const root = options.root ?? projectRoot;
  const shared = options.shared ?? sharedDir(root);
  const seedDir = path.join(shared, 'fixtures', 'seed');
  const pagesDir = fixturePagesDir(root);
  const corpusRoot = path.join(shared, 'corpus');
  const seedFile = path.join(seedDir, 'article.html');
  if (!fs.existsSync(seedFile)) {
    throw new Error(
      `Seed article not found at ${seedFile}. Set SOURCELENS_SHARED to the shared folder (expected <root>/../shared; default ${seedArticlePath(root)}).`,
    );
  }

  /** @type {import('./server.d.mts').RecordedRequest[]} */
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    /** @type {string | null} */
    let file = null;
    if (url.pathname.startsWith('/seed/')) file = inside(seedDir, decodeURIComponent(url.pathname.slice('/seed/'.length)));
    else if (url.pathname.startsWith('/pages/')) file = inside(pagesDir, decodeURIComponent(url.pathname.slice('/pages/'.length)));
    else if (url.pathname.startsWith('/corpus/')) file = inside(corpusRoot, decodeURIComponent(url.pathname.slice('/corpus/'.length)));
    let status = 404;
    if (url.pathname === '/favicon.ico') {
      status = 204;
      res.writeHead(204).end();
    } else if (file && fs.existsSync(file) && fs.statSync(file).isFile()) {
      status = 200;
      const body = fs.readFileSync(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
    requests.push({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status,
      userAgent: String(req.headers['user-agent'] ?? ''),
      referer: req.headers.referer ? String(req.headers.referer) : undefined,
      at: Date.now(),
    });
  });
  // Keep-alive sockets must not hold close() up.
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    port: address.port,
    seedUrl: `${origin}/seed/article.html`,
    /** `<shared>/corpus/` (served under /corpus/). */
    corpusDir: corpusRoot,
    /** @param {string} p */
    url: (p) => origin + (p.startsWith('/') ? p : '/' + p),
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
}
