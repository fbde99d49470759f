/**
 * Every file wiregrad reads for the user (graphs, data, weights, run history) must be a regular file, checked with
 * stat (which follows symlinks) before it is opened: opening a named pipe blocks until some writer appears, a read
 * from one blocks in the kernel where neither worker.terminate() nor a signal can interrupt it, and a device such as
 * /dev/zero never ends. Refused up front with what the path is, the run never starts waiting.
 */
import fs from 'node:fs';

export class NotRegularFileError extends Error {
  constructor(
    readonly file: string,
    readonly kind: string,
  ) {
    super(`${file}: ${kind}, not a regular file`);
    this.name = 'NotRegularFileError';
  }
}

/** What a non-regular file is, in words; null for a regular file. */
export function nonRegularKind(stat: fs.Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

/** The file's stat; throws NotRegularFileError for a pipe, socket, device or folder, and fs errors (ENOENT…) as they come. */
export function requireRegularFile(file: string): fs.Stats {
  const stat = fs.statSync(file);
  const kind = nonRegularKind(stat);
  if (kind) throw new NotRegularFileError(file, kind);
  return stat;
}

/** The same check without blocking the caller's thread (the extension host). */
export async function requireRegularFileAsync(file: string): Promise<fs.Stats> {
  const stat = await fs.promises.stat(file);
  const kind = nonRegularKind(stat);
  if (kind) throw new NotRegularFileError(file, kind);
  return stat;
}
