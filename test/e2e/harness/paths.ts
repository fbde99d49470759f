/**
 * Where the end-to-end suite keeps things. Everything it writes lives under `.e2e/` (scratch, gitignored) and
 * `test-artifacts/` (screenshots and logs CI keeps, gitignored); code-server itself lives in a cache folder outside
 * the clone (scripts/e2e/install.sh puts it there) so that a reused CI machine installs it once.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: set by test/e2e/run.mjs, else two folders up from the bundle (.e2e/suite/main-PID.mjs). */
function findRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return process.env.WIREGRAD_ROOT ?? path.resolve(here, '..', '..');
}

export const ROOT = findRoot();
export const SCRATCH = path.join(ROOT, '.e2e');
export const VSIX = path.join(SCRATCH, 'wiregrad.vsix');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const EXAMPLES = path.join(ROOT, 'examples');

export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE = process.env.WIREGRAD_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'wiregrad-e2e');
export const CODE_SERVER = path.join(CACHE, 'cs', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.WIREGRAD_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** The contract with the extension (package.json `publisher.name`, contributes.customEditors viewType). */
export const EXTENSION_ID = 'wiregrad.wiregrad';
export const VIEW_TYPE = 'wiregrad.graphEditor';
