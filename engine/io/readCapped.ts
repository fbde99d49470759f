/**
 * Reads a text file, refusing it once it passes a size limit instead of reading on: a 1 GB file given by mistake
 * would be parsed to the last byte. Pipes, sockets and devices (/dev/zero never ends; opening a FIFO blocks) are
 * refused before opening (regularFile.ts); the read is in chunks and stops at the limit even if the file grows.
 */
import fs from 'node:fs';
import { formatBytes } from '../shape/format';
import { requireRegularFile } from './regularFile';

/** A graph of 10,000 nodes is about 1 MB; 64 MB leaves room for any real design. */
export const MAX_GRAPH_FILE_BYTES = 64 * 1024 * 1024;

export class FileTooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly limit: number,
  ) {
    super(`${file}: larger than ${formatBytes(limit)}, too large for a graph file`);
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

/**
 * The file's text (UTF-8 or UTF-16 with a byte-order mark); throws NotRegularFileError for a pipe, socket, device or
 * folder, FileTooLargeError past `limit` bytes, and fs errors (ENOENT…) as they come.
 */
export function readTextCapped(file: string, limit = MAX_GRAPH_FILE_BYTES): string {
  return decodeText(readBytesCapped(file, limit));
}

/**
 * The file's bytes, with the same checks as readTextCapped; `tooLarge` makes the error for a file past `limit` (with
 * its size when stat tells it: such a file is refused before a byte is read).
 */
export function readBytesCapped(
  file: string,
  limit: number,
  tooLarge: (file: string, limit: number, size?: number) => Error = (f, l) => new FileTooLargeError(f, l),
): Buffer {
  const stat = requireRegularFile(file);
  if (stat.size > limit) throw tooLarge(file, limit, stat.size);
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge(file, limit);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
