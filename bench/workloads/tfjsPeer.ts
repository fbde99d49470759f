/**
 * The TensorFlow.js peers of `npm run bench`, one cell per child process: tfjs-wasm (XNNPACK, SIMD, 1 thread),
 * tfjs-wasm-mt (2 threads) and tfjs-cpu, through the raw tfjs-core API the shared harness calls `:core`:
 * `tf.variable` weights (Glorot uniform, zero biases), `tf.fused.conv2d` / `tf.fused.matMul` with bias and relu,
 * `tf.maxPool`, `tf.losses.softmaxCrossEntropy`, `tf.train.sgd(0.01).minimize`; inference is the forward under
 * `tf.tidy`, read back with `dataSync`.
 *
 * Loading: tfjs-core, -backend-cpu and -backend-wasm are required at run time from node_modules (esbuild.mjs keeps
 * them external: the wasm backend's Node build finds its .wasm files beside itself, and the threads shim patches
 * that build). Their CommonJS builds register no gradients, so the ESM gradient registrations are bundled in; they
 * register into tfjs' global registry, which both builds share.
 */
import { timeSteps } from '../../engine/bench/timing';
import { gemmResult, modeResult, requestFromArgv, runChild, type CellRequest, type CellResult, type ModeResult } from './cell';
import { installWasmThreadsShim, registerWasmConv2DBackpropFilter } from './tfjsShims';
import { CLASSES, LEARNING_RATE, makeData, uniform, workload, type Workload } from './spec';

type Tf = typeof import('@tensorflow/tfjs-core');
type Tensor = import('@tensorflow/tfjs-core').Tensor;
type Variable = import('@tensorflow/tfjs-core').Variable;
type Wasm = typeof import('@tensorflow/tfjs-backend-wasm');

async function setup(runner: string, threads: number): Promise<{ tf: Tf; info: CellResult['info'] }> {
  if (runner === 'tfjs-wasm-mt') installWasmThreadsShim();
  const tf = require('@tensorflow/tfjs-core') as Tf;
  require('@tensorflow/tfjs-backend-cpu');
  const wasm = require('@tensorflow/tfjs-backend-wasm') as Wasm;
  require('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  // tfjs advertises tfjs-node on first use; keep the cell's output to its result.
  const warn = console.warn;
  console.warn = () => {};
  const info: CellResult['info'] = { runner, tfjs: tf.version_core };
  if (runner === 'tfjs-cpu') {
    await tf.setBackend('cpu');
  } else {
    if (runner === 'tfjs-wasm-mt') {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
      wasm.setThreadsCount(threads);
    }
    if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend failed to initialise');
    info.simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    info.threads = wasm.getThreadsCount();
    registerWasmConv2DBackpropFilter(tf);
    info.conv2DBackpropFilter = 'registered by the bench (from the backend\'s own Conv2D + Transpose)';
  }
  await tf.ready();
  tf.scalar(0).dataSync();
  console.warn = warn;
  info.backend = tf.getBackend();
  return { tf, info };
}

/** The workload in raw tfjs-core ops, weights as variables. */
function buildNet(tf: Tf, w: Workload): { vars: Variable[]; forward: (x: Tensor) => Tensor } {
  const vars: Variable[] = [];
  const rng = uniform(42);
  const glorot = (shape: number[], fanIn: number, fanOut: number) => {
    const lim = Math.sqrt(6 / (fanIn + fanOut));
    const v = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rng() * 2 - 1) * lim);
    const t = tf.variable(tf.tensor(v, shape));
    vars.push(t);
    return t;
  };
  const zeros = (n: number) => {
    const b = tf.variable(tf.zeros([n]));
    vars.push(b);
    return b;
  };
  const ops: ((x: Tensor) => Tensor)[] = [];
  let shape = [...w.input];
  for (const L of w.layers) {
    if (L.t === 'conv') {
      const c = shape[2];
      const filter = glorot([L.k, L.k, c, L.filters], L.k * L.k * c, L.k * L.k * L.filters);
      const bias = zeros(L.filters);
      const pad = L.pad ? 'same' : 'valid';
      ops.push((x) => tf.fused.conv2d({ x: x as import('@tensorflow/tfjs-core').Tensor4D, filter: filter as import('@tensorflow/tfjs-core').Tensor4D, bias, strides: 1, pad, activation: L.relu ? 'relu' : 'linear' }));
      shape = [shape[0] + 2 * L.pad - L.k + 1, shape[1] + 2 * L.pad - L.k + 1, L.filters];
    } else if (L.t === 'pool') {
      ops.push((x) => tf.maxPool(x as import('@tensorflow/tfjs-core').Tensor4D, 2, 2, 'valid'));
      shape = [Math.floor(shape[0] / 2), Math.floor(shape[1] / 2), shape[2]];
    } else if (L.t === 'flatten') {
      const n = shape.reduce((a, b) => a * b, 1);
      ops.push((x) => tf.reshape(x, [x.shape[0], n]));
      shape = [n];
    } else {
      const n = shape[0];
      const weight = glorot([n, L.units], n, L.units);
      const bias = zeros(L.units);
      ops.push((x) => tf.fused.matMul({ a: x as import('@tensorflow/tfjs-core').Tensor2D, b: weight as import('@tensorflow/tfjs-core').Tensor2D, bias, activation: L.relu ? 'relu' : 'linear' }));
      shape = [L.units];
    }
  }
  return { vars, forward: (x) => ops.reduce((h, f) => f(h), x) };
}

/**
 * The registered Conv2DBackpropFilter against tfjs-cpu's own kernel, on the conv shapes of W2 and W3 (batch 2-4):
 * the largest |difference| over the largest |reference| value, per shape.
 */
async function checkFilterGradient(tf: Tf): Promise<number> {
  const cases: [number[], number[], 'same' | 'valid'][] = [
    [[4, 28, 28, 1], [5, 5, 1, 6], 'same'], [[4, 14, 14, 6], [5, 5, 6, 16], 'valid'],
    [[3, 32, 32, 3], [3, 3, 3, 32], 'same'], [[2, 16, 16, 32], [3, 3, 32, 64], 'same'],
  ];
  const rng = uniform(99);
  let worst = 0;
  for (const [xs, ws, pad] of cases) {
    const xv = Float32Array.from({ length: xs.reduce((a, b) => a * b, 1) }, () => rng() * 2 - 1);
    const wv = Float32Array.from({ length: ws.reduce((a, b) => a * b, 1) }, () => rng() * 2 - 1);
    const grads: Record<string, Float32Array> = {};
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const x = tf.tensor4d(xv, xs as [number, number, number, number]);
      const w = tf.tensor4d(wv, ws as [number, number, number, number]);
      const ys = tf.conv2d(x, w, 1, pad).shape;
      const dy = tf.tensor(Float32Array.from({ length: ys.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i)), ys);
      grads[backend] = tf.grad((ww) => tf.sum(tf.mul(tf.conv2d(x, ww as import('@tensorflow/tfjs-core').Tensor4D, 1, pad), dy)))(w).dataSync() as Float32Array;
    }
    let diff = 0;
    let scale = 1e-12;
    for (let i = 0; i < grads.cpu.length; i++) {
      diff = Math.max(diff, Math.abs(grads.cpu[i] - grads.wasm[i]));
      scale = Math.max(scale, Math.abs(grads.cpu[i]));
    }
    worst = Math.max(worst, diff / scale);
  }
  await tf.setBackend('wasm');
  return worst;
}

async function runCell(request: CellRequest): Promise<CellResult> {
  const { tf, info } = await setup(request.runner, request.threads);
  if (request.workload === 'check-dw') {
    return { info: { ...info, conv2DBackpropFilterMaxRelError: await checkFilterGradient(tf) }, modes: {} };
  }
  if (request.workload === 'gemm') {
    const rng = uniform(7);
    const gemm = (request.gemms ?? []).map((shape) => {
      const a = tf.tensor(Float32Array.from({ length: shape.m * shape.k }, () => rng() * 2 - 1), [shape.m, shape.k]) as import('@tensorflow/tfjs-core').Tensor2D;
      const b = tf.tensor(Float32Array.from({ length: shape.k * shape.n }, () => rng() * 2 - 1), [shape.k, shape.n]) as import('@tensorflow/tfjs-core').Tensor2D;
      const r = gemmResult(shape, timeSteps(() => {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
      }, request.plan));
      a.dispose();
      b.dispose();
      return r;
    });
    return { info, modes: {}, gemm };
  }
  const w = workload(request.workload);
  const data = makeData(w);
  const x = tf.tensor(data.x, [w.batch, ...w.input]);
  const y = tf.cast(tf.oneHot(tf.tensor1d(data.labels, 'int32'), CLASSES), 'float32');
  const net = buildNet(tf, w);
  const sgd = tf.train.sgd(LEARNING_RATE);
  const modes: CellResult['modes'] = {};
  for (const mode of request.modes) {
    let result: ModeResult;
    try {
      if (mode === 'train') {
        let first = NaN;
        let last = NaN;
        const t = timeSteps(() => {
          const loss = sgd.minimize(() => tf.losses.softmaxCrossEntropy(y, net.forward(x)) as import('@tensorflow/tfjs-core').Scalar, true, net.vars)!;
          const v = loss.dataSync()[0];
          loss.dispose();
          if (Number.isNaN(first)) first = v;
          last = v;
        }, request.plan);
        result = modeResult(w.batch, t, { first, last });
      } else {
        result = modeResult(w.batch, timeSteps(() => {
          const o = tf.tidy(() => net.forward(x));
          o.dataSync();
          o.dispose();
        }, request.plan));
      }
    } catch (err) {
      result = { error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
    }
    modes[mode] = result;
  }
  return { info, modes };
}

const request = requestFromArgv(process.argv);
if (!request) {
  process.stderr.write('tfjsPeer.js is a cell of `npm run bench` (node dist/bench/workloads.js); it takes --cell JSON.\n');
  process.exit(2);
}
void runChild(runCell, request);
