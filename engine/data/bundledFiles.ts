/**
 * Finds the data files built by scripts/build-data.mjs. The bundles (dist/cli.js, dist/worker.js, dist/extension.js)
 * look next to themselves in dist/data; running from the TypeScript sources (tests) looks in the repository's
 * dist/data. An explicit folder (option or WIREGRAD_DATA_DIR) comes first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataError } from './errors';

declare const __dirname: string | undefined;

export function bundledDataCandidates(dataDir?: string): string[] {
  const dirs: string[] = [];
  if (dataDir) dirs.push(dataDir);
  if (process.env.WIREGRAD_DATA_DIR) dirs.push(process.env.WIREGRAD_DATA_DIR);
  if (typeof __dirname === 'string') {
    dirs.push(path.join(__dirname, 'data')); // dist/cli.js, dist/worker.js, dist/extension.js
    dirs.push(path.join(__dirname, '..', 'data')); // dist/bench/*.js
    dirs.push(path.join(__dirname, '..', '..', 'dist', 'data')); // engine/data/*.ts run from source
  }
  dirs.push(path.join(process.cwd(), 'dist', 'data'));
  return [...new Set(dirs.map((d) => path.resolve(d)))];
}

/** The path of a bundled data file, or a DataError saying where it was looked for and how to build it. */
export function findBundledFile(name: string, dataDir?: string): string {
  const candidates = bundledDataCandidates(dataDir).map((d) => path.join(d, name));
  const found = candidates.find((f) => fs.existsSync(f));
  if (found) return found;
  throw new DataError(`bundled data file ${name} is missing (looked in ${candidates.map((c) => path.dirname(c)).join(', ')}); run npm run build`);
}
