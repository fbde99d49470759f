/**
 * Builds the CLI and worker bundles and the WASM kernels once before the suite, so their tests run what users run
 * (dist/) and the kernel tests test the kernels' current sources.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.join(__dirname, '..', '..');
  execFileSync(process.execPath, ['esbuild.mjs', '--only=cli,worker'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { cwd: root, stdio: 'inherit' });
}
