/**
 * `npm run reliability`: the proof that wiregrad does not crash, hang, grow without bound or lose a file on hostile
 * input and failures, in figures. Fuzzing (seeded; WIREGRAD_FUZZ_SEED and WIREGRAD_FUZZ_COUNT change it), fault
 * injection and load. Exits 1 when any case has an uncaught exception, a violated property or a fault that did not
 * end cleanly; prints times and memory without asserting them (the machine is shared).
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeWebviewMessage, MAX_WEBVIEW_MESSAGE_CHARS, parseWebviewMessage } from '../../extension/protocol';
import { fuzzFiles } from './files';
import { readOnlyChild, READ_ONLY_CHILD, runFaults } from './faults';
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

  // A million entries: before, the webview's object arrived built (VS Code's message channel parsed it) and the
  // validator enumerated its keys; now it arrives as JSON text and is refused by its length before anything is built.
  for (const line of millionEntries()) console.log(`  ${line}`);

  console.log('\nFaults (each must end with a clear message, this process alive, the last weights intact)');
  const worker = path.join(__dirname, 'faultyWorker.js');
  for (const f of await runFaults(worker, path.join(__dirname, 'reliability.js'))) {
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

/**
 * The host's time on a message holding a million entries, the old way (an object: JSON.parse, as VS Code's channel
 * did, then the validator) and the new (the JSON text: size cap, then JSON.parse and the validator); and the worst
 * case the cap still admits (as many keys as fit in MAX_WEBVIEW_MESSAGE_CHARS). Built here, dropped before the soak.
 */
function millionEntries(): string[] {
  const ms = (t: number) => `${(performance.now() - t).toFixed(1)} ms`;
  const outcome = (r: ReturnType<typeof parseWebviewMessage>) => (r.ok ? 'accepted' : `refused: ${r.reason}`);
  const moveOf = (entries: number) =>
    `{"type":"intent","requestId":1,"intent":{"kind":"move","positions":{${Array.from({ length: entries }, (_, i) => `"k${i}":{"x":1,"y":2}`).join(',')}}}}`;
  const million = moveOf(1_000_000);
  let t = performance.now();
  const object: unknown = JSON.parse(million);
  const parseMs = ms(t);
  t = performance.now();
  const before = outcome(parseWebviewMessage(object));
  const beforeMs = ms(t);
  t = performance.now();
  const after = outcome(decodeWebviewMessage(million));
  const afterMs = ms(t);
  // Nearly the most entries a message under the cap can hold: 12-character entries ("k123456":0,) in one value.
  const fits = Math.floor((MAX_WEBVIEW_MESSAGE_CHARS - 200) / 12);
  const wide = `{"type":"intent","requestId":1,"intent":{"kind":"set-attribute","node":"a","attribute":"b","value":{${Array.from({ length: fits }, (_, i) => `"k${String(i).padStart(6, '0')}":0`).join(',')}}}}`;
  t = performance.now();
  const worst = outcome(decodeWebviewMessage(wide));
  const worstMs = ms(t);
  return [
    `1,000,000 positions in a move (${million.length.toLocaleString('en-US')} characters of JSON):`,
    `  before (an object: JSON.parse ${parseMs} + validator ${beforeMs}): ${before}`,
    `  after (JSON text, capped at ${MAX_WEBVIEW_MESSAGE_CHARS.toLocaleString('en-US')} characters before JSON.parse): ${afterMs}, ${after}`,
    `  the worst the cap admits, ${fits.toLocaleString('en-US')} keys in one value (${wide.length.toLocaleString('en-US')} characters): ${worstMs}, ${worst}`,
  ];
}

(process.argv[2] === READ_ONLY_CHILD ? readOnlyChild(process.argv[3]).then(() => 0) : main()).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
