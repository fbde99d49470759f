/**
 * Training with PyTorch from the editor: the metric lines of train.py become trainer messages (validated like the
 * worker's), and the child process is controlled like the worker: one terminal message, Stop = SIGTERM to the whole
 * process group then SIGKILL after the grace period. Fake train.py scripts (run by node) play the Python side.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../engine/train/protocol';
import { LineSplitter, parseMetricLine } from '../../extension/training/metricLines';
import { PythonRun } from '../../extension/training/pythonProcess';

const progress = { epoch: 0, epochs: 2, step: 5, stepsPerEpoch: 10, globalStep: 5, totalSteps: 20, loss: 1.5, accuracy: 0.5, learningRate: 0.001, samplesPerSecond: 100, etaSeconds: 3 };

describe('metric lines', () => {
  it('a progress line is the trainer message it spells', () => {
    expect(parseMetricLine(JSON.stringify({ type: 'progress', progress }))).toEqual({ kind: 'message', message: { type: 'progress', progress } });
  });

  it('text (torchrun notices, warnings) stays text; JSON that is not a trainer message is invalid', () => {
    expect(parseMetricLine('W1201 torch/distributed/run.py: Setting OMP_NUM_THREADS')).toEqual({ kind: 'text', text: 'W1201 torch/distributed/run.py: Setting OMP_NUM_THREADS' });
    expect(parseMetricLine('{not json')).toEqual({ kind: 'text', text: '{not json' });
    expect(parseMetricLine('{"type": "progress", "progress": {"epoch": "one"}}').kind).toBe('invalid');
    expect(parseMetricLine('{"type": "finished"}').kind).toBe('invalid');
  });

  it('chunks that split lines anywhere give the same lines', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    const text = '{"a": 1}\r\n{"b": 2}\n\npartial';
    for (const ch of text) splitter.push(ch);
    splitter.end();
    expect(lines).toEqual(['{"a": 1}', '{"b": 2}', 'partial']);
  });
});

describe('the train.py process', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-python-run-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A fake train.py: node runs `body`, with `say(message)` printing one JSON line. */
  function script(name: string, body: string): string {
    const file = path.join(dir, `${name}.js`);
    fs.writeFileSync(file, `const say = (m) => process.stdout.write(JSON.stringify(m) + '\\n');\n${body}\n`);
    return file;
  }
  const run = (file: string, graceMs = 5000) => {
    const messages: WorkerMessage[] = [];
    const output: string[] = [];
    const r = new PythonRun({ command: process.execPath, args: [file], cwd: dir, graceMs, onMessage: (m) => messages.push(m), onOutput: (l) => output.push(l) });
    return { r, messages, output };
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('streams progress and ends with the finished message once the process has exited', async () => {
    const test = { count: 4, loss: 0.5, accuracy: 0.75, confusion: [[1, 0], [1, 2]] };
    const file = script('finish', `say({ type: 'progress', progress: ${JSON.stringify(progress)} }); console.log('a notice'); say({ type: 'finished', test: ${JSON.stringify(test)}, history: [], weightsFile: '/w.safetensors', stateFile: '', seconds: 1 });`);
    const { r, messages, output } = run(file);
    const end = await r.done;
    expect(end).toMatchObject({ type: 'finished', weightsFile: '/w.safetensors', test });
    expect(messages.map((m) => m.type)).toEqual(['progress', 'finished']);
    expect(output).toEqual(['a notice']);
  });

  it('Stop sends SIGTERM: a train.py that saves and reports cancelled ends with its message', async () => {
    // The handler goes in before the first line is printed: the test stops the script as soon as it reads that line,
    // and a loaded machine could otherwise deliver SIGTERM before the next statement ran (it failed that way once).
    const file = script('cancel', `process.on('SIGTERM', () => { say({ type: 'cancelled', position: { epoch: 0, stepInEpoch: 5, globalStep: 5 }, weightsFile: '/saved.safetensors' }); process.exit(0); });
say({ type: 'progress', progress: ${JSON.stringify(progress)} });
setInterval(() => {}, 1000);`);
    const { r, messages } = run(file);
    await new Promise<void>((resolve) => {
      const wait = setInterval(() => messages.length > 0 && (clearInterval(wait), resolve()), 20);
    });
    r.cancel();
    expect(await r.done).toEqual({ type: 'cancelled', position: { epoch: 0, stepInEpoch: 5, globalStep: 5 }, weightsFile: '/saved.safetensors' });
  });

  it('a process group that ignores SIGTERM is killed after the grace period, children included', async () => {
    const file = script('stubborn', `const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
process.on('SIGTERM', () => {});
say({ type: 'progress', progress: ${JSON.stringify({ ...progress, step: 7, globalStep: 7 })} });
console.error('child ' + child.pid);
setInterval(() => {}, 1000);`);
    const { r, messages, output } = run(file, 300);
    await new Promise<void>((resolve) => {
      const wait = setInterval(() => messages.length > 0 && output.length > 0 && (clearInterval(wait), resolve()), 20);
    });
    const childPid = Number(output[0].split(' ')[1]);
    const t0 = performance.now();
    r.cancel();
    const end = await r.done;
    expect(end).toEqual({ type: 'cancelled', position: { epoch: 0, stepInEpoch: 7, globalStep: 7 }, weightsFile: null });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(r.pid!)).toBe(false);
    expect(alive(childPid)).toBe(false);
  });

  it('a process that dies without a terminal message fails with its last stderr lines', async () => {
    const file = script('crash', `console.error('Traceback (most recent call last):'); console.error("ModuleNotFoundError: No module named 'torch'"); process.exit(1);`);
    const end = await run(file).r.done;
    expect(end.type).toBe('failed');
    expect(end.type === 'failed' && end.message).toBe("train.py ended without finishing (exit code 1):\nTraceback (most recent call last):\nModuleNotFoundError: No module named 'torch'");
  });

  it('a Python that does not exist fails with what to set', async () => {
    const r = new PythonRun({ command: path.join(dir, 'no-such-python'), args: ['train.py'], cwd: dir });
    const end = await r.done;
    expect(end.type === 'failed' && end.message).toMatch(/no-such-python was not found; set wiregrad.pythonPath/);
  });
});
