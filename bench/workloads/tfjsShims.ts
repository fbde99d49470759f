/**
 * What TensorFlow.js 4.22's WASM backend needs to be a fair peer under Node (the same two work-arounds as the
 * shared peer harness, ../shared/bench/peers/run.mjs, rewritten here: the project does not depend on that folder).
 *
 * 1. Conv training: tfjs-backend-wasm registers no Conv2DBackpropFilter kernel, so training any conv net throws
 *    "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'". We register one built from the backend's
 *    own XNNPACK Conv2D and Transpose kernels: for stride 1, dilation 1,
 *      dW[i,j,ci,co] = Σ_{n,h,w} xpad[n,h+i,w+j,ci]·dy[n,h,w,co]
 *                    = conv2d(xᵀ as [C_in,H,W,N], dyᵀ as a filter [H_out,W_out,N,C_out]) transposed to [k,k,C_in,C_out].
 * 2. Threads: the backend refuses threads whenever it runs in Node, hands emscripten blob: URLs that Node's
 *    worker_threads cannot load, and caps its pool at os.cpus().length / 2. The shim makes Blob remember its text,
 *    has URL.createObjectURL write that text to a temp file (Node workers take paths), and doubles os.cpus() so the
 *    cap becomes the real core count.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Tf = typeof import('@tensorflow/tfjs-core');
type KernelArgs = Parameters<import('@tensorflow/tfjs-core').KernelFunc>[0];
type TensorInfo = import('@tensorflow/tfjs-core').TensorInfo;

export function registerWasmConv2DBackpropFilter(tf: Tf): void {
  const kernel = (name: string) => {
    const k = tf.getKernel(name, 'wasm');
    if (!k) throw new Error(`tfjs-backend-wasm has no ${name} kernel to build Conv2DBackpropFilter from`);
    return k.kernelFunc as (args: KernelArgs) => TensorInfo;
  };
  const transpose = kernel('Transpose');
  const conv = kernel('Conv2D');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }: KernelArgs) => {
      const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
      const a = attrs as unknown as {
        strides: number | [number, number]; pad: 'same' | 'valid' | number; dataFormat: 'NHWC' | 'NCHW';
        dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number];
      };
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false,
        tf.backend_util.convertConv2DDataFormat(a.dataFormat),
      );
      if (info.strideHeight !== 1 || info.strideWidth !== 1 || info.dataFormat !== 'channelsLast') {
        throw new Error('bench Conv2DBackpropFilter for tfjs-wasm: only stride 1, NHWC');
      }
      const { top, bottom, left, right } = info.padInfo;
      const xt = transpose({ inputs: { x }, backend, attrs: { perm: [3, 1, 2, 0] } });
      const dyt = transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } });
      const c = conv({
        inputs: { x: xt, filter: dyt }, backend,
        attrs: { strides: 1, dilations: 1, pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC' },
      });
      const out = transpose({ inputs: { x: c }, backend, attrs: { perm: [1, 2, 0, 3] } });
      const owner = backend as { disposeData(dataId: object): boolean };
      for (const t of [xt, dyt, c]) owner.disposeData(t.dataId);
      return out;
    },
  });
}

export function installWasmThreadsShim(): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-tfjs-wasm-mt-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const mainPath = path.join(tmp, 'main.js');
  const NativeBlob = globalThis.Blob;
  const texts = new WeakMap<Blob, string>();
  class TextBlob extends NativeBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      const text = (parts ?? []).map(String).join('');
      texts.set(this, text);
      if (text.startsWith('var WasmBackendModuleThreadedSimd')) {
        // The factory's source refers to a few names of the package's Node bundle scope.
        fs.writeFileSync(
          mainPath,
          'var commonjsGlobal = globalThis, require$$0 = require("fs"), require$$1 = require("path"),' +
            ' require$$3 = require("perf_hooks"), require$$4 = require("os"), _scriptDir = undefined;\n' + text,
        );
      }
    }
  }
  globalThis.Blob = TextBlob as typeof Blob;
  const nativeCreate = URL.createObjectURL.bind(URL);
  let n = 0;
  URL.createObjectURL = (blob: Blob) => {
    const text = texts.get(blob);
    if (text === undefined) return nativeCreate(blob);
    const file = path.join(tmp, `blob${n++}.js`);
    const prelude = `URL.createObjectURL = () => ${JSON.stringify(mainPath)}; URL.revokeObjectURL = () => {};\n`;
    fs.writeFileSync(file, prelude + text);
    return file;
  };
  const realCpus = os.cpus;
  os.cpus = () => {
    const c = realCpus();
    return c.concat(c);
  };
}
