/** Builds the CLI and worker bundles once before the suite, so their tests run what users run (dist/). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, ['esbuild.mjs', '--only=cli,worker'], { cwd: path.join(__dirname, '..', '..'), stdio: 'inherit' });
}
