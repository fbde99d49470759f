/**
 * Atomic file replacement (weights, checkpoints, exports, formatted graphs): write a temporary file in the same folder,
 * fsync it, rename it over the target. A crash leaves either the old file or the new one, never half of one (rename
 * is atomic within a file system). Without side effects on what it replaces:
 * - the file's permission bits are kept (a 0600 file stays 0600);
 * - a symlink is written through: its target is replaced and the link stays a link (as VS Code saves), instead of the
 *   link becoming a plain file;
 * - temporary files of the same target that a crash left behind (our recognisable names, older than STALE_TEMP_MS)
 *   are removed.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A temporary file older than this belongs to a writer that died: no write takes anywhere near this long. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/** `.NAME.wiregrad-PID-TIME.tmp`: hidden, ours by its tag, tied to one target, sortable by its writer. */
export function tempNameFor(target: string, pid = process.pid, time = Date.now()): string {
  return `.${path.basename(target)}.wiregrad-${pid}-${time.toString(36)}.tmp`;
}

const TEMP_PATTERN = /^\.(.+)\.wiregrad-\d+-[0-9a-z]+\.tmp$/;

/** The file a write to `target` must replace: the final target of a symlink chain, else `target` itself. */
export function resolveWriteTarget(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    // Missing target: a dangling link is written where it points; a new file where it is named.
    try {
      const link = fs.readlinkSync(target);
      return path.resolve(path.dirname(target), link);
    } catch {
      return target;
    }
  }
}

export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const file = resolveWriteTarget(target);
  const dir = path.dirname(file);
  const mode = existingMode(file);
  removeStaleTemps(file);
  const temp = path.join(dir, tempNameFor(file));
  const fd = fs.openSync(temp, 'w', mode ?? 0o666);
  try {
    // openSync's mode is masked by the umask; the replaced file's bits are restored exactly.
    if (mode !== undefined) fs.fchmodSync(fd, mode);
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
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  syncDirectory(dir);
}

/** Copies `source` to `target` with the same guarantees (the run folder keeps the final weights this way). */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  const file = resolveWriteTarget(target);
  const temp = path.join(path.dirname(file), tempNameFor(file));
  try {
    await fs.promises.copyFile(source, temp);
    const handle = await fs.promises.open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
  syncDirectory(path.dirname(file));
}

function existingMode(file: string): number | undefined {
  try {
    return fs.statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Removes our temporaries of `file` older than STALE_TEMP_MS; never anything else, never failing the write. */
function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (!match || match[1] !== base) continue;
    try {
      const stat = fs.lstatSync(path.join(dir, name));
      if (stat.isFile() && now - stat.mtimeMs > STALE_TEMP_MS) fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
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
