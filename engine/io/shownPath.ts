/** A file's path in messages, as the user would type it: relative to the working folder when inside it, else absolute. */
import path from 'node:path';

export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
