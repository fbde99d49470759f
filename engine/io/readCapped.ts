/**
 * Reads a text file, refusing it once it passes a size limit instead of reading on: `readFileSync` on /dev/zero (or
 * a pipe that never ends) never returns, and a 1 GB file given by mistake would be parsed to the last byte. Reads in
 * chunks, so devices and pipes, whose size `stat` cannot tell, are bounded too.
 */
import fs from 'node:fs';

/** A graph of 10,000 nodes is about 1 MB; 64 MB leaves room for any real design. */
export const MAX_GRAPH_FILE_BYTES = 64 * 1024 * 1024;

export class FileTooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly limit: number,
  ) {
    super(`${file}: larger than ${limit / (1024 * 1024)} MB, too large for a graph file`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * UTF-8, or UTF-16 when the file starts with its byte-order mark: Windows PowerShell's `>` writes UTF-16LE, and read
 * as UTF-8 such a file is a wall of "unexpected character" errors. The UTF-16 mark is kept (as U+FEFF), as for UTF-8.
 */
function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const pairs = Buffer.from(bytes.subarray(0, bytes.length & ~1)); // swap16 needs whole pairs
    return pairs.swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

/** The file's text (UTF-8 or UTF-16 with a byte-order mark); throws FileTooLargeError past `limit` bytes, and fs errors (ENOENT, EISDIR…) as they come. */
export function readTextCapped(file: string, limit = MAX_GRAPH_FILE_BYTES): string {
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw new FileTooLargeError(file, limit);
      chunks.push(chunk.subarray(0, n));
    }
    return decodeText(Buffer.concat(chunks, total));
  } finally {
    fs.closeSync(fd);
  }
}
