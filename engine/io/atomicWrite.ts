/**
 * Atomic file replacement (weights, checkpoints, exports, formatted graphs): write a temporary file in the same folder, fsync it, rename it over the target. A crash
 * leaves either the old file or the new one, never half of one (rename is atomic within a file system).
 */
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = fs.openSync(temp, 'w');
  try {
    let written = 0;
    while (written < data.length) written += fs.writeSync(fd, data, written, data.length - written);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  syncDirectory(dir);
}

/** Makes the rename itself durable; not possible on every platform (Windows), so best effort. */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // ignored: the data is already fsynced; only the directory entry's durability is at stake
  }
}
