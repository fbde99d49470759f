/**
 * The run record stays beside the graph: a `runs` folder (or a run's graph folder) that is a symlink to somewhere
 * else, as a cloned repository may ship, is refused with a message instead of written through; the final weights are
 * copied in atomically and durably.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunFolder } from '../../extension/training/runFolder';

describe('RunFolder', () => {
  it('refuses a runs folder that is a symlink out of the graph folder, writing nothing there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-runs-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-outside-'));
    fs.symlinkSync(outside, path.join(dir, 'runs'));
    const graphFile = path.join(dir, 'net.nn.json');
    expect(() => new RunFolder(graphFile)).toThrow(`${path.join(dir, 'runs')} leads to ${fs.realpathSync(outside)}, outside the graph's folder ${fs.realpathSync(dir)}; the run is not recorded there (remove the link)`);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('allows a runs folder linked to somewhere inside the graph folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-runs-'));
    fs.mkdirSync(path.join(dir, 'records'));
    fs.symlinkSync(path.join(dir, 'records'), path.join(dir, 'runs'));
    const folder = new RunFolder(path.join(dir, 'net.nn.json'));
    expect(fs.realpathSync(folder.dir).startsWith(fs.realpathSync(path.join(dir, 'records')))).toBe(true);
  });

  it('keeps the final weights by an atomic copy, leaving no temporary file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-runs-'));
    const weights = path.join(dir, 'net.safetensors');
    fs.writeFileSync(weights, 'weights');
    const folder = new RunFolder(path.join(dir, 'net.nn.json'));
    const kept = await folder.keepWeights(weights);
    expect(fs.readFileSync(kept, 'utf8')).toBe('weights');
    expect(fs.readdirSync(folder.dir).filter((f) => f.endsWith('.tmp') || f.includes('.tmp-'))).toEqual([]);
  });
});
