/**
 * Draws Shiori's app icons (a bookmark, 栞, on the library blue) and writes them as PNGs with
 * node:zlib, no image library: `node --import tsx test/bench/make-icons.ts`. The PNGs are committed.
 *  - icon-{192,512}.png: "any" purpose, rounded square, transparent corners.
 *  - icon-maskable-{192,512}.png: full-bleed background, the bookmark inside the 80 % safe zone.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
const BLUE: Rgba = [0x1d, 0x4e, 0x89, 255];
const PAPER: Rgba = [0xf6, 0xee, 0xda, 255];
const RED: Rgba = [0xc8, 0x3c, 0x2c, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** The colour of the design at (x, y) in [0,1]², `scale` shrinking the bookmark about the centre. */
function colourAt(x: number, y: number, maskable: boolean): Rgba {
  if (!maskable && !inRoundedSquare(x, y, 0.02, 0.2)) return CLEAR;
  const scale = maskable ? 0.78 : 1;
  const u = 0.5 + (x - 0.5) / scale;
  const v = 0.5 + (y - 0.5) / scale;
  // The bookmark: a paper strip with a V notch at its foot and a punched hole with a red cord.
  const halfWidth = 0.15;
  const dx = Math.abs(u - 0.5);
  const foot = 0.7 + 0.12 * (dx / halfWidth);
  const onStrip = dx <= halfWidth && v >= 0.2 && v <= foot;
  const hole = Math.hypot(u - 0.5, v - 0.3) <= 0.035;
  const cord = dx <= 0.012 && v >= 0.1 && v <= 0.3;
  if (cord) return RED;
  if (onStrip && !hole) return PAPER;
  return BLUE;
}

function inRoundedSquare(x: number, y: number, margin: number, radius: number): boolean {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return x >= margin && x <= 1 - margin && y >= margin && y <= 1 - margin && Math.hypot(x - cx, y - cy) <= radius;
}

/** RGBA pixels, 4×4 supersampled for smooth edges. */
function render(size: number, maskable: boolean): Buffer {
  const samples = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (None) then RGBA
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, maskable);
          // Premultiplied sums so transparent samples do not darken the edge.
          sum[0]! += c[0] * c[3];
          sum[1]! += c[1] * c[3];
          sum[2]! += c[2] * c[3];
          sum[3]! += c[3];
        }
      }
      const alpha = sum[3]!;
      const o = 1 + px * 4;
      row[o] = alpha ? Math.round(sum[0]! / alpha) : 0;
      row[o + 1] = alpha ? Math.round(sum[1]! / alpha) : 0;
      row[o + 2] = alpha ? Math.round(sum[2]! / alpha) : 0;
      row[o + 3] = Math.round(alpha / (samples * samples));
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function png(size: number, pixels: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = new URL('../../client/public/icons/', import.meta.url);
for (const size of [192, 512]) {
  for (const maskable of [false, true]) {
    const name = `icon-${maskable ? 'maskable-' : ''}${size}.png`;
    const file = png(size, render(size, maskable));
    writeFileSync(new URL(name, outDir), file);
    console.log(`${name}: ${file.length} bytes`);
  }
}
