/** readTextCapped: the whole text of an ordinary file, and a refusal — not an endless read — past the limit. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTooLargeError, readTextCapped } from '../../engine/io/readCapped';

describe('readTextCapped', () => {
  it('reads a file over several chunks whole, multi-byte characters across a chunk edge included', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wg-read-')), 'g.nn.json');
    const text = 'x'.repeat(65_535) + '×' + 'é'.repeat(70_000);
    fs.writeFileSync(file, text);
    expect(readTextCapped(file)).toBe(text);
  });

  it('refuses a file one byte over the limit, naming it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wg-read-')), 'big.nn.json');
    fs.writeFileSync(file, 'a'.repeat(1001));
    expect(() => readTextCapped(file, 1000)).toThrow(FileTooLargeError);
    expect(readTextCapped(file, 1001)).toHaveLength(1001);
  });

  it.runIf(fs.existsSync('/dev/zero'))('refuses /dev/zero (a device) and a named pipe before opening them, naming what they are', () => {
    expect(() => readTextCapped('/dev/zero', 1 << 20)).toThrow('/dev/zero: a device, not a regular file');
    const fifo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wg-read-')), 'pipe.nn.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => readTextCapped(fifo)).toThrow(`${fifo}: a named pipe (FIFO), not a regular file`);
  });
});

describe('readTextCapped encodings', () => {
  it('reads UTF-16 with a byte-order mark (what Windows PowerShell writes), little- and big-endian', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-read-'));
    const text = '{ "name": "Réseau ×2" }';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    fs.writeFileSync(path.join(dir, 'le.json'), le);
    fs.writeFileSync(path.join(dir, 'be.json'), be);
    expect(readTextCapped(path.join(dir, 'le.json'))).toBe('\uFEFF' + text);
    expect(readTextCapped(path.join(dir, 'be.json'))).toBe('\uFEFF' + text);
  });
});
