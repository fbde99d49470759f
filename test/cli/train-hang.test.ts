/**
 * `wiregrad train` as users run it (bin/wiregrad.js) never waits forever: an impossible memory budget is refused at
 * the command line, a named pipe given as data (or as the graph) is refused before anything opens it (opening a FIFO
 * blocks until a writer comes, and a read in progress is interrupted by neither worker.terminate() nor a signal), and
 * a stop before the first step says so instead of "stopping after this step".
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphJsonChain } from '../helpers/graphs';

const CLI = path.join(__dirname, '..', '..', 'bin', 'wiregrad.js');

function run(args: string[], cwd: string, timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

const csvGraph = (dataset: string) =>
  graphJsonChain('csv', [{ id: 'input', type: 'input', shape: [2] }, { id: 'out', type: 'dense', units: 2 }], { dataset, epochs: 1 });

function folderWith(graph: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-hang-'));
  fs.writeFileSync(path.join(dir, 'g.nn.json'), JSON.stringify(graph));
  return dir;
}

describe('wiregrad train never hangs', () => {
  it.each(['1e303', 'Infinity', '-1', 'NaN'])('refuses --memory-budget %s with a message and exit 2', async (budget) => {
    const dir = folderWith(csvGraph('x2'));
    const r = await run(['train', 'g.nn.json', '--memory-budget', budget], dir);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--memory-budget must be a number of megabytes from 1 to 16,777,216/);
  });

  it('refuses a named pipe as CSV data up front, naming it', async () => {
    const dir = folderWith(csvGraph('csv:data.csv?label=2'));
    execFileSync('mkfifo', [path.join(dir, 'data.csv')]);
    const r = await run(['train', 'g.nn.json'], dir);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data\.csv: a named pipe \(FIFO\), not a regular file/);
  });

  it('refuses a named pipe as the graph file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-hang-'));
    execFileSync('mkfifo', [path.join(dir, 'g.nn.json')]);
    for (const command of [['train', 'g.nn.json'], ['summary', 'g.nn.json'], ['format', '--check', 'g.nn.json']]) {
      const r = await run(command, dir);
      expect(r.timedOut, command.join(' ')).toBe(false);
      expect(r.stderr, command.join(' ')).toMatch(/g\.nn\.json: a named pipe \(FIFO\), not a regular file/);
    }
  });

  it('refuses a named pipe as the weights file of evaluate and predict', async () => {
    const dir = folderWith(csvGraph('x2'));
    execFileSync('mkfifo', [path.join(dir, 'g.safetensors')]);
    const r = await run(['evaluate', 'g.nn.json'], dir);
    expect(r.timedOut).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/g\.safetensors: a named pipe \(FIFO\), not a regular file/);
  });

  it('a SIGTERM before the first step says the run had not started, and ends', async () => {
    // Generating 40,000 shapes takes ~6.5 s on a quiet machine (longer under load, as is everything): a signal at 4 s
    // arrives after the CLI has installed its handlers (~0.3 s quiet) and while the data set still loads, before any
    // step. With 20,000 shapes and 2.5 s the margins were ~2.5 s / ~0.5 s, and the test failed once at load 25.
    const graph = graphJsonChain('slow', [{ id: 'input', type: 'input', shape: [32, 32, 3] }, { id: 'out', type: 'dense', units: 10 }], {
      dataset: 'shapes?train=40000&test=10',
      epochs: 1,
    });
    const dir = folderWith(graph);
    const child = spawn(process.execPath, [CLI, 'train', 'g.nn.json'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    setTimeout(() => child.kill('SIGTERM'), 4000); // the handlers are installed; the worker still generates: no step runs yet
    const code = await exited;
    expect(stderr).not.toMatch(/stopping after this step/);
    expect(stderr).toMatch(/stopping before the first step \(nothing to save\)/);
    expect(code).toBe(143);
  });
});
