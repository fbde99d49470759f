/** File reading that turns every file-system failure into a DataError naming the file. */
import fs from 'node:fs';
import { NotRegularFileError, requireRegularFile } from '../io/regularFile';
import { DataError, fileError } from './errors';

export function readFileBytes(file: string): Buffer {
  // A device never ends (/dev/zero) and a named pipe blocks the worker where nothing can interrupt it: refused by stat.
  try {
    requireRegularFile(file);
  } catch (err) {
    throw err instanceof NotRegularFileError ? new DataError(err.message) : fileError(file, err);
  }
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw fileError(file, err);
  }
}

export function readFileText(file: string): string {
  return readFileBytes(file).toString('utf8');
}

export function listFolder(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw fileError(dir, err);
  }
}

export function requireFolder(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (err) {
    throw err && (err as NodeJS.ErrnoException).code === 'ENOENT' ? new DataError(`${dir}: folder not found`) : fileError(dir, err);
  }
  if (!stat.isDirectory()) throw new DataError(`${dir}: is a file, not a folder (folder: wants a folder of class sub-folders)`);
}
