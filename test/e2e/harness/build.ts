/**
 * Builds the bundles and packages the extension exactly as a user would install it: `vsce package
 * --no-dependencies` (esbuild has bundled everything) into .e2e/wiregrad.vsix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SCRATCH, VSIX } from './paths';
import { runOrThrow } from './processes';

export async function buildAndPackage(): Promise<{ vsix: string; vsixBytes: number }> {
  // The project's own build (esbuild bundles + the bundled data files the training scenarios need).
  await runOrThrow('npm run build', 'npm', ['run', '--silent', 'build'], { cwd: ROOT });
  fs.mkdirSync(SCRATCH, { recursive: true });
  // Packaged under this run's own name: a colleague's suite running at the same time must not install ours half-written.
  const vsix = path.join(SCRATCH, `wiregrad-${process.pid}.vsix`);
  const args = ['package', '--no-dependencies', '-o', vsix];
  // Until the project ships a LICENSE file, vsce would stop at an interactive "continue? [y/N]" prompt.
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => fs.existsSync(path.join(ROOT, f)))) args.push('--skip-license');
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  await runOrThrow('vsce package', vsce, args, { cwd: ROOT });
  return { vsix, vsixBytes: fs.statSync(vsix).size };
}

/** Keeps the tested package as .e2e/wiregrad.vsix (a rename: readers never see a partial file). */
export function keepPackage(vsix: string): void {
  if (fs.existsSync(vsix)) fs.renameSync(vsix, VSIX);
}
