#!/usr/bin/env node
/**
 * Draws the SourceLens icon (a lens over square brackets on a blue tile) and writes
 * public/icon/{16,32,48,96,128}.png. Node built-ins only: shapes are rasterised with
 * 8×8 supersampling and encoded as RGBA PNGs with zlib. Same drawing as components/Logo.tsx.
 *
 *   node scripts/make-icons.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');

const TILE = [0x1e, 0x3a, 0x8a];
const WHITE = [0xff, 0xff, 0xff];
const TEAL = [0x5e, 0xea, 0xd4];

// ---- geometry, in a 128×128 design space --------------------------------------------

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function inRect(x, y, x0, y0, x1, y1) {
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}
function distToSegment(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/**
 * The drawing. At 16 px the lens is smaller and the brackets move outwards so that neither
 * blurs into the other; below 48 px strokes get heavier so they survive downscaling.
 * Returns a function (x, y) → [r, g, b, a] for a design-space point.
 */
function design(size) {
  const tiny = size <= 16;
  const w = tiny ? 1 : size <= 32 ? 1.2 : 1; // stroke weight
  const L = tiny
    ? { x0: 10, x1: 34, y0: 18, y1: 110, bar: 13, lensX: 64, lensY: 58, lensR: 20, ring: 14, h0: [79, 73], h1: [93, 87], handle: 17, tint: 0 }
    : { x0: 22, x1: 46, y0: 28, y1: 100, bar: 11 * w, lensX: 60, lensY: 58, lensR: 22, ring: 10 * w, h0: [77, 75], h1: [99, 97], handle: 14 * w, tint: 0.22 };
  const bracket = (x, y, mirror) => {
    const X = mirror ? 128 - x : x;
    return (
      inRect(X, y, L.x0, L.y0, L.x0 + L.bar, L.y1) ||
      inRect(X, y, L.x0, L.y0, L.x1, L.y0 + L.bar) ||
      inRect(X, y, L.x0, L.y1 - L.bar, L.x1, L.y1)
    );
  };
  return (x, y) => {
    if (!inRoundedRect(x, y, 0, 0, 128, 128, tiny ? 24 : 28)) return [0, 0, 0, 0];
    const d = Math.hypot(x - L.lensX, y - L.lensY);
    const onRing = Math.abs(d - L.lensR) <= L.ring / 2;
    const onHandle = distToSegment(x, y, ...L.h0, ...L.h1) <= L.handle / 2;
    if (onRing || onHandle) return [...TEAL, 255];
    if (bracket(x, y, false) || bracket(x, y, true)) return [...WHITE, 255];
    if (d < L.lensR && L.tint) return mix(TILE, WHITE, L.tint);
    return [...TILE, 255];
  };
}

function mix(a, b, t) {
  return [0, 1, 2].map((i) => Math.round(a[i] * (1 - t) + b[i] * t)).concat(255);
}

function render(size) {
  const sample = design(size);
  const ss = 8;
  const px = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = ((pxi + (sx + 0.5) / ss) * 128) / size;
          const y = ((py + (sy + 0.5) / ss) * 128) / size;
          const [cr, cg, cb, ca] = sample(x, y);
          // premultiplied accumulation keeps edges against transparency clean
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const o = (py * size + pxi) * 4;
      px[o] = a ? Math.round(r / a) : 0;
      px[o + 1] = a ? Math.round(g / a) : 0;
      px[o + 2] = a ? Math.round(b / a) : 0;
      px[o + 3] = Math.round(a / (ss * ss));
    }
  }
  return px;
}

// ---- PNG encoding ---------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const size of SIZES) {
  const file = join(OUT, `${size}.png`);
  writeFileSync(file, encodePng(size, render(size)));
  console.log(`wrote ${file}`);
}
