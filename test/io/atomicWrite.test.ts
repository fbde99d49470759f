/**
 * The one atomic writer (weights, checkpoints, exports, formatted graphs) has no side effects on what it replaces:
 * the file's mode is kept, a symlink is written through (its target replaced, the link kept, as VS Code saves),
 * and temporary files a crash left behind are cleaned up: only ours, only old ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STALE_TEMP_MS, tempNameFor, writeFileAtomic } from '../../engine/io/atomicWrite';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wg-atomic-'));

describe('writeFileAtomic', () => {
  it('keeps the mode of the file it replaces (0600 stays 0600)', () => {
    const file = path.join(tmp(), 'secret.nn.json');
    fs.writeFileSync(file, 'old', { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes through a symlink: the target gets the new content, the link stays a link', () => {
    const dir = tmp();
    const target = path.join(dir, 'real', 'g.nn.json');
    fs.mkdirSync(path.dirname(target));
    fs.writeFileSync(target, 'old');
    const link = path.join(dir, 'g.nn.json');
    fs.symlinkSync(path.relative(dir, target), link);
    writeFileAtomic(link, 'new');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir).sort()).toEqual(['g.nn.json', 'real']);
  });

  it('removes stale temporary files of the same target left by a crash, not fresh ones nor other files', () => {
    const dir = tmp();
    const file = path.join(dir, 'w.safetensors');
    const stale = path.join(dir, tempNameFor(file, 4242, Date.now() - STALE_TEMP_MS - 60_000));
    const fresh = path.join(dir, tempNameFor(file, 4343, Date.now()));
    const other = path.join(dir, '.w.safetensors.mine.tmp');
    for (const f of [stale, fresh, other]) fs.writeFileSync(f, 'x');
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    fs.utimesSync(stale, old, old);
    writeFileAtomic(file, 'data');
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(fresh), path.basename(other), 'w.safetensors'].sort());
  });
});
