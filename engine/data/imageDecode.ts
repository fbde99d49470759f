/** Decodes PNG (pngjs) and JPEG (jpeg-js) files to 8-bit RGBA, recognising the format by its first bytes. */
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DataError } from './errors';

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, RGBA. */
  readonly rgba: Uint8Array;
}

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const;

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/**
 * Decoded pixels allowed per image: 64 Mi pixels = 256 MB of RGBA, the same bound jpeg-js is given. A PNG's header
 * can claim 30,000×30,000 in a 100-byte file; decoding it would allocate gigabytes and freeze the process.
 */
export const MAX_IMAGE_PIXELS = 64 * 1024 * 1024;

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function decodeImage(bytes: Buffer, file: string): DecodedImage {
  let image: DecodedImage;
  try {
    if (isPng(bytes)) {
      const size = pngSize(bytes);
      if (size && size.width * size.height > MAX_IMAGE_PIXELS) {
        throw new DataError(
          `${file}: the image is ${size.width}×${size.height} pixels, over the limit of ${MAX_IMAGE_PIXELS / (1024 * 1024)} Mi pixels; scale it down first`,
        );
      }
      const png = PNG.sync.read(bytes);
      image = { width: png.width, height: png.height, rgba: png.data };
    } else if (isJpeg(bytes)) {
      const jpg = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256 });
      image = { width: jpg.width, height: jpg.height, rgba: jpg.data };
    } else {
      throw new DataError(`${file}: not a PNG or JPEG image (its first bytes are neither format's signature)`);
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError(`${file}: corrupt or unreadable image (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!(image.width > 0 && image.height > 0) || image.rgba.length < image.width * image.height * 4) {
    throw new DataError(`${file}: corrupt image (size ${image.width}×${image.height} does not match its pixel data)`);
  }
  return image;
}
