// The few PNG facts the icon needs: its size, its text chunks, and adding one (chunk = length, type, data, CRC-32).
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks of a PNG, in order; throws on anything that is not one. */
export function pngChunks(png) {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG (bad signature)');
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length), start: at, end: at + 12 + length });
    at += 12 + length;
  }
  return chunks;
}

/** Width, height and tEXt keywords of a PNG. */
export function readPng(png) {
  const chunks = pngChunks(png);
  const header = chunks[0];
  if (header?.type !== 'IHDR') throw new Error('not a PNG (no IHDR first)');
  const text = {};
  for (const c of chunks.filter((c) => c.type === 'tEXt')) {
    const nul = c.data.indexOf(0);
    text[c.data.toString('latin1', 0, nul)] = c.data.toString('latin1', nul + 1);
  }
  return { width: header.data.readUInt32BE(0), height: header.data.readUInt32BE(4), text };
}

/** The PNG with a tEXt chunk `keyword`=`value` right after its header (latin-1 text, as PNG requires). */
export function withTextChunk(png, keyword, value) {
  const header = pngChunks(png)[0];
  const data = Buffer.from(`${keyword}\0${value}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([png.subarray(0, header.end), chunk, png.subarray(header.end)]);
}
