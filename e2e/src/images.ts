// Small images made by the tests themselves, as an institution's designer would hand them over:
// a flat PNG logo and an SVG badge medallion.
import { crc32, deflateSync } from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([head, typeAndData, crc]);
}

/** An RGBA PNG of `size`×`size` whose pixels come from `paint(x, y)`. */
export function png(size: number, paint: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    for (let x = 0; x < size; x++) raw.set(paint(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A university crest in flat colours: a navy shield-like square, a gold ring and a gold star-ish dot. */
export function logoPng(size = 160): Buffer {
  const c = size / 2;
  return png(size, (x, y) => {
    const d = Math.hypot(x + 0.5 - c, y + 0.5 - c) / c;
    if (x < size * 0.06 || x > size * 0.94 || y < size * 0.06 || y > size * 0.94) return [0, 0, 0, 0];
    if (d > 0.62 && d < 0.74) return [0xe0, 0xa5, 0x26, 0xff];
    if (d < 0.3) return [0xfc, 0xf6, 0xe8, 0xff];
    return [0x14, 0x21, 0x3d, 0xff];
  });
}

/** A badge medallion with a ribbon and initials, as SVG (no script, no external reference). */
export function badgeSvg(initials: string, colours: { ring?: string; ribbon?: string } = {}): string {
  const ring = colours.ring ?? "#e0a526";
  const ribbon = colours.ribbon ?? "#b23a48";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
  <path d="M70 120 50 190l30-14 18 24 14-60z" fill="${ribbon}"/><path d="M130 120l20 70-30-14-18 24-14-60z" fill="${ribbon}" opacity="0.85"/>
  <circle cx="100" cy="88" r="78" fill="#14213d"/><circle cx="100" cy="88" r="64" fill="none" stroke="${ring}" stroke-width="5" stroke-dasharray="6 5"/>
  <text x="100" y="104" font-family="Georgia, serif" font-size="46" font-weight="700" text-anchor="middle" fill="#fcf6e8">${initials}</text>
</svg>`;
}
