/** Static fixture server on 127.0.0.1 (implementation in js/server.mjs, shared with scripts/start.mjs). */
export { startServer } from './js/server.mjs';
export type { FixtureServer, RecordedRequest } from './js/server.mjs';
