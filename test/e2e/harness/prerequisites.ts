/**
 * The suite needs Debian's chromium and code-server from scripts/e2e/install.sh. Without them it FAILS with a
 * message saying how to get them: CI must never report green for a suite that did not run.
 */
import fs from 'node:fs';
import { CHROMIUM, CODE_SERVER, CODE_SERVER_VERSION, CACHE } from './paths';

export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM)) {
    missing.push(`chromium not found at ${CHROMIUM} (apt-get install chromium, or run scripts/e2e/install.sh)`);
  }
  if (!fs.existsSync(CODE_SERVER)) {
    missing.push(`code-server ${CODE_SERVER_VERSION} not found at ${CODE_SERVER} (run scripts/e2e/install.sh; cache folder ${CACHE})`);
  }
  return missing;
}
