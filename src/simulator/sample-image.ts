import { deflateSync } from 'node:zlib';

/**
 * A generated sample photo (PNG) for residents who have no picture at hand: a street-like scene
 * (sky, wall, road with a dark "pothole") whose colours vary with the seed, so two samples differ.
 */
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGB pixels (width × height × 3 bytes) as a PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function samplePhoto(seed = Date.now(), width = 320, height = 240): Buffer {
  const rgb = new Uint8Array(width * height * 3);
  const hue = (seed % 997) / 997;
  const wall = [180 + Math.round(60 * hue), 150 + Math.round(40 * (1 - hue)), 120];
  const holeX = width * (0.3 + 0.4 * hue);
  const holeY = height * 0.8;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let c: number[];
      if (y < height * 0.35) c = [120 + y / 2, 170 + y / 4, 230]; // sky
      else if (y < height * 0.6) c = (Math.floor(x / 24) + Math.floor(y / 12)) % 2 ? wall : wall.map((v) => v - 25); // brick wall
      else {
        const dx = (x - holeX) / (width * 0.12);
        const dy = (y - holeY) / (height * 0.07);
        const lane = Math.abs(y - height * 0.72) < 2 && Math.floor(x / 30) % 2 === 0;
        c = dx * dx + dy * dy < 1 ? [40, 35, 30] : lane ? [235, 235, 235] : [105, 105, 110]; // pothole, lane mark, asphalt
      }
      rgb.set(c.map((v) => Math.max(0, Math.min(255, Math.round(v)))), (y * width + x) * 3);
    }
  }
  return encodePng(width, height, rgb);
}
