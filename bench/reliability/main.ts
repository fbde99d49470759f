/**
 * `npm run reliability`: the proof that wiregrad does not crash, hang, grow without bound or lose a file on hostile
 * input and failures, in figures. Fuzzing (seeded; WIREGRAD_FUZZ_SEED and WIREGRAD_FUZZ_COUNT change it), fault
 * injection and load. Exits 1 when any case has an uncaught exception, a violated property or a fault that did not
 * end cleanly; prints times and memory without asserting them (the machine is shared).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseWebviewMessage } from '../../extension/protocol';
import { fuzzFiles } from './files';
import { runFaults } from './faults';
import { fuzzGraphs } from './graphs';
import { inferenceLoad, soak } from './load';

declare const __dirname: string;

const ROOT = path.join(__dirname, '..', '..');
const seed = Number(process.env.WIREGRAD_FUZZ_SEED ?? 20261201);
const count = Number(process.env.WIREGRAD_FUZZ_COUNT ?? 10_000);

async function main(): Promise<number> {
  let failures = 0;
  const t0 = performance.now();
  console.log(`wiregrad reliability (seed ${seed}; node ${process.version})\n`);

  const examples = path.join(ROOT, 'examples');
  const expressionSeeds = fs
    .readdirSync(examples)
    .filter((f) => f.endsWith('.nn.json'))
    .map((f) => fs.readFileSync(path.join(examples, f), 'utf8'))
    .filter((t) => /"kind":\s*"expression"/.test(t));
  const graphs = fuzzGraphs(count, seed, expressionSeeds);
  console.log('Fuzzing: graph loader + shape engine + expression graphs + format round trip');
  console.log(`  ${graphs.stats.summary()}`);
  console.log(`  ${graphs.parsed.toLocaleString('en-US')} read as graphs; format rewrote ${graphs.formatted.toLocaleString('en-US')} (each round-trips in meaning and is idempotent), refused ${graphs.refusedByFormat.toLocaleString('en-US')}; ${expressionSeeds.length} expression examples mutated`);
  console.log(`  property violations: ${graphs.violations.length}`);
  for (const v of [...graphs.violations.slice(0, 5), ...graphs.stats.samples]) console.log(`    ${v}`);
  failures += graphs.stats.uncaught + graphs.violations.length;

  const onnxDir = path.join(ROOT, 'test', 'fixtures', 'onnx');
  const onnxModels = fs.existsSync(onnxDir) ? fs.readdirSync(onnxDir).filter((f) => f.endsWith('.onnx')).map((f) => fs.readFileSync(path.join(onnxDir, f))) : [];
  const perReader = Math.max(100, Math.round(count / 5));
  console.log(`\nFuzzing: file readers and webview messages (${perReader.toLocaleString('en-US')} each)`);
  for (const [name, stats] of fuzzFiles(perReader, seed + 1, onnxModels).byReader) {
    console.log(`  ${name.padEnd(16)} ${stats.summary()}`);
    for (const s of stats.samples) console.log(`    ${s}`);
    failures += stats.uncaught;
  }

  // A million keys: at the top level only the known fields are read; in a free-form record (positions) the key
  // count is checked with an early exit, but V8 enumerates a dictionary-mode object's keys whole before the first.
  console.log(`  ${millionKeys()}`);

  console.log('\nFaults (each must end with a clear message, this process alive, the last weights intact)');
  const worker = path.join(__dirname, 'faultyWorker.js');
  for (const f of await runFaults(worker)) {
    console.log(`  ${f.ok ? 'ok  ' : 'FAIL'} ${f.name} (${(f.ms / 1000).toFixed(1)} s): ${f.detail}`);
    if (!f.ok) failures++;
  }

  console.log('\nLoad');
  const load = inferenceLoad();
  console.log(`  shape inference: ${load.nodes.toLocaleString('en-US')} nodes in ${load.ms.toFixed(1)} ms (median of 5; ${load.errors} errors); ${load.peerNodes.toLocaleString('en-US')} nodes in ${load.peerMs.toFixed(1)} ms — ratio ${(load.ms / load.peerMs).toFixed(1)}× for ${(load.nodes / load.peerNodes).toFixed(0)}× the nodes`);
  const s = await soak(Number(process.env.WIREGRAD_SOAK_RUNS ?? 40));
  console.log(`  soak: ${s.runs} short training runs in one process (${s.finished} finished) in ${s.seconds.toFixed(1)} s; heap ${s.heapBeforeMb.toFixed(1)} MB before, ${s.heapAfterMb.toFixed(1)} MB after (${(s.heapAfterMb - s.heapBeforeMb >= 0 ? '+' : '')}${(s.heapAfterMb - s.heapBeforeMb).toFixed(1)} MB)`);
  if (s.finished !== s.runs) failures++;

  console.log(`\n${failures === 0 ? 'reliability: all held' : `reliability: ${failures} failure(s)`} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return failures === 0 ? 0 : 1;
}

/** The validator's time on a million-key message (built here, dropped before the soak measures the heap). */
function millionKeys(): string {
  const million = Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => [`k${i}`, { x: 1, y: 2 }]));
  const timed = (message: unknown) => {
    const t = performance.now();
    const r = parseWebviewMessage(message);
    return `${(performance.now() - t).toFixed(2)} ms (${r.ok ? 'accepted' : `refused: ${r.reason}`})`;
  };
  return `a 1,000,000-key message: ${timed({ type: 'ready', ...million })}; 1,000,000 positions in a move: ${timed({ type: 'intent', requestId: 1, intent: { kind: 'move', positions: million } })}`;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
