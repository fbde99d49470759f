/**
 * Builds the bundles and packages the extension exactly as a user would install it: `vsce package
 * --no-dependencies` (esbuild has bundled everything) into .e2e/wiregrad.vsix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SCRATCH, VSIX } from './paths';
import { runOrThrow } from './processes';

export async function buildAndPackage(): Promise<{ vsixBytes: number }> {
  // The project's own build (esbuild bundles + the bundled data files the training scenarios need).
  await runOrThrow('npm run build', 'npm', ['run', '--silent', 'build'], { cwd: ROOT });
  fs.mkdirSync(SCRATCH, { recursive: true });
  // A previous .vsix must not end up inside the new one when the project has no .vscodeignore yet.
  fs.rmSync(VSIX, { force: true });
  const args = ['package', '--no-dependencies', '-o', VSIX];
  // Until the project ships a LICENSE file, vsce would stop at an interactive "continue? [y/N]" prompt.
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => fs.existsSync(path.join(ROOT, f)))) args.push('--skip-license');
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  await runOrThrow('vsce package', vsce, args, { cwd: ROOT });
  return { vsixBytes: fs.statSync(VSIX).size };
}
