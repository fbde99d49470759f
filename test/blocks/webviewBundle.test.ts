/**
 * The webview takes only the pure half of the blocks: its bundle holds specs (shapes, attributes, labels) and no
 * numeric code — no kernel (engine/kernels/) and no layer (*.layer.ts). Built here as esbuild.mjs builds it, with a
 * metafile listing every input that went in.
 */
import path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..', '..');

describe('the webview bundle', () => {
  it('contains the block specs but no kernel and no layer', async () => {
    const result = await esbuild.build({
      entryPoints: [path.join(root, 'webview', 'main.tsx')],
      absWorkingDir: root,
      bundle: true,
      write: false,
      metafile: true,
      outdir: 'unused',
      platform: 'browser',
      format: 'iife',
      loader: { '.css': 'css' },
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('engine/blocks/specs.ts');
    expect(inputs).toContain('engine/blocks/conv/conv2d.spec.ts');
    expect(inputs.filter((f) => f.startsWith('engine/kernels/') || f.endsWith('.layer.ts') || f === 'engine/blocks/registry.ts')).toEqual([]);
  });
});
