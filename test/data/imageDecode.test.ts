/** decodeImage on files that lie about themselves: refused with the file's name, before anything big is allocated. */
import zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../engine/data/imageDecode';

/** A valid PNG signature and IHDR claiming width×height (8-bit grey), then a token IDAT and IEND. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grey), no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(100))), chunk('IEND', Buffer.alloc(0))]);
}

describe('decodeImage', () => {
  it('refuses a 200-byte PNG whose header claims 9,000×9,000 pixels (81 Mi), by the numbers, without decoding it', () => {
    expect(() => decodeImage(pngClaiming(9_000, 9_000), 'big.png')).toThrow(
      'big.png: the image is 9000×9000 pixels, over the limit of 64 Mi pixels; scale it down first',
    );
  });

  it('still decodes a real PNG (the bound is not in the way of ordinary images)', () => {
    const png = new PNG({ width: 3, height: 2 });
    png.data.fill(255);
    png.data[0] = 7;
    const image = decodeImage(PNG.sync.write(png), 'ok.png');
    expect([image.width, image.height, image.rgba[0], image.rgba[1]]).toEqual([3, 2, 7, 255]);
  });
});
