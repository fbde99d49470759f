import type { DesignNeed } from '../shape/designNeed';

/**
 * The one error the data loaders throw. Its message is written for the user (it names the file, the line or the
 * field and says what is wrong), so callers show `error.message` as it is, never a stack trace. `need`: what the
 * graph should become when the data set cannot be delivered in the graph's input shape.
 */
export class DataError extends Error {
  constructor(
    message: string,
    readonly need?: DesignNeed,
  ) {
    super(message);
    this.name = 'DataError';
  }
}

/** Wraps a file-system failure (missing file, permission…) into a DataError that names the file. */
export function fileError(file: string, err: unknown): DataError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new DataError(`${file}: file not found`);
  if (code === 'EACCES' || code === 'EPERM') return new DataError(`${file}: permission denied`);
  if (code === 'EISDIR') return new DataError(`${file}: is a folder, not a file`);
  if (code === 'ENOTDIR') return new DataError(`${file}: is a file, not a folder`);
  return new DataError(`${file}: cannot be read (${err instanceof Error ? err.message : String(err)})`);
}
