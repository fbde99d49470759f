/**
 * Packages the extension with the project's own command (`npm run package`: minified bundles, data files,
 * `vsce package --no-dependencies`), so the suite installs exactly the .vsix a user would, and a packaging
 * regression fails CI here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SCRATCH, VSIX } from './paths';
import { runOrThrow } from './processes';

export async function buildAndPackage(): Promise<{ vsix: string; vsixBytes: number }> {
  fs.mkdirSync(SCRATCH, { recursive: true });
  // Packaged under this run's own name: a colleague's suite running at the same time must not install ours half-written.
  const vsix = path.join(SCRATCH, `wiregrad-${process.pid}.vsix`);
  await runOrThrow('npm run package', 'npm', ['run', '--silent', 'package', '--', '-o', vsix], { cwd: ROOT });
  return { vsix, vsixBytes: fs.statSync(vsix).size };
}

/** Keeps the tested package as .e2e/wiregrad.vsix (a rename: readers never see a partial file). */
export function keepPackage(vsix: string): void {
  if (fs.existsSync(vsix)) fs.renameSync(vsix, VSIX);
}
