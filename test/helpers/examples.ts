/**
 * The example graphs, as tests should list them: only `*.nn.json` regular files of examples/. Following the README
 * (`npx wiregrad train examples/lenet5.nn.json`) writes `lenet5.safetensors`, `lenet5.ckpt.safetensors` and, from the
 * editor, `runs/` into the same folder; a test that read every entry as a graph would fail after the README's main job.
 */
import fs from 'node:fs';
import path from 'node:path';

export const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

/** File names (not paths) of the example graphs, sorted. */
export function exampleGraphFiles(dir = EXAMPLES_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.nn.json'))
    .map((e) => e.name)
    .sort();
}
