// Draws the app icons of the web manifest (web/public/icons/*.png) from the favicon's shapes: a teal square with a
// white cup. Plain Node (zlib for PNG's deflate), no image library; run `node scripts/make-icons.mjs` after a change.
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const TEAL = [0x0f, 0x5e, 0x5e];
const WHITE = [0xff, 0xff, 0xff];

/** The favicon's drawing in its 64-unit box: is (x, y) on the cup (body or handle)? */
function onCup(x, y) {
  const inBody = x >= 18 && x <= 42 && y >= 24 && y <= 38;
  const inBottom = y > 38 && y <= 48 && ((x - 28) ** 2 + (y - 38) ** 2 <= 100 || (x - 32) ** 2 + (y - 38) ** 2 <= 100) && x >= 18 && x <= 42;
  const handle = Math.hypot(x - 46, y - 33);
  const inHandle = x >= 42 && handle >= 3 && handle <= 7;
  return inBody || inBottom || inHandle;
}

/** A square icon of `size` pixels; `safe` shrinks the drawing into the maskable safe zone (80%). */
function icon(size, { rounded, safe }) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = [0]; // filter: none
    for (let px = 0; px < size; px++) {
      const u = ((px + 0.5) / size) * 64;
      const v = ((py + 0.5) / size) * 64;
      const r = 14;
      const corner = rounded && ((u < r || u > 64 - r) && (v < r || v > 64 - r)) && Math.hypot(Math.min(u, 64 - u) - r, Math.min(v, 64 - v) - r) > r;
      const k = safe ? 0.8 : 1;
      const cu = 32 + (u - 32) / k;
      const cv = 32 + (v - 32) / k;
      const [red, green, blue] = onCup(cu, cv) ? WHITE : TEAL;
      row.push(red, green, blue, corner ? 0 : 255);
    }
    rows.push(Buffer.from(row));
  }
  return png(size, Buffer.concat(rows));
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let i = 0; i < 8; i++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const out = new URL("../web/public/icons/", import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL("icon-192.png", out), icon(192, { rounded: true, safe: false }));
writeFileSync(new URL("icon-512.png", out), icon(512, { rounded: true, safe: false }));
writeFileSync(new URL("maskable-512.png", out), icon(512, { rounded: false, safe: true }));
writeFileSync(new URL("apple-touch-icon.png", out), icon(180, { rounded: false, safe: false }));
console.log("icons written to web/public/icons/");
