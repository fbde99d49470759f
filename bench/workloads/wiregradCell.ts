/**
 * wiregrad's side of `npm run bench`: one workload trained (forward + softmax cross-entropy + backward + SGD
 * lr 0.01) and run (forward in eval mode) on the fixed batch, or the GEMM shapes through the backend's matmul,
 * with the backend the trainer would pick at the requested thread count (engine/kernels/select.ts).
 */
import { timeSteps } from '../../engine/bench/timing';
import { createBackend } from '../../engine/kernels/select';
import { GraphRunner } from '../../engine/model/runner';
import { Sgd } from '../../engine/optim/sgd';
import { analyzeGraph } from '../../engine/shape/analyze';
import { gemmResult, modeResult, type CellRequest, type CellResult, type ModeResult } from './cell';
import { LEARNING_RATE, makeData, RESIDUAL, residualGraph, toGraph, uniform, workload } from './spec';

export async function runWiregradCell(request: CellRequest): Promise<CellResult> {
  // 'wiregrad-ts': the TypeScript reference kernels, the speed every graph had before the WASM kernels.
  const selected = await createBackend({ threads: request.threads, prefer: request.runner === 'wiregrad-ts' ? 'cpu' : 'wasm' });
  const info = { backend: selected.name, description: selected.description, threads: selected.threads };
  try {
    if (request.workload === 'gemm') {
      const rng = uniform(7);
      const gemm = (request.gemms ?? []).map((shape) => {
        const a = Float32Array.from({ length: shape.m * shape.k }, () => rng() * 2 - 1);
        const b = Float32Array.from({ length: shape.k * shape.n }, () => rng() * 2 - 1);
        const c = new Float32Array(shape.m * shape.n);
        return gemmResult(shape, timeSteps(() => selected.backend.matmul(a, b, c, shape.m, shape.k, shape.n, false), request.plan));
      });
      return { info, modes: {}, gemm };
    }
    const w = request.workload === RESIDUAL.id ? RESIDUAL : workload(request.workload);
    const graph = request.workload === RESIDUAL.id ? residualGraph() : toGraph(workload(request.workload));
    const analysis = analyzeGraph(graph);
    const model = new GraphRunner(graph, analysis, { seed: 42, backend: selected.backend });
    const sgd = new Sgd({ backend: selected.backend }); // the update runs in the backend's kernels, as training does
    const { x, labels } = makeData(w);
    const modes: CellResult['modes'] = {};
    for (const mode of request.modes) {
      let result: ModeResult;
      if (mode === 'train') {
        let first = NaN;
        let last = NaN;
        const t = timeSteps(() => {
          const r = model.trainStep(x, w.batch, labels, 'cross-entropy');
          sgd.step(model.params, LEARNING_RATE);
          if (Number.isNaN(first)) first = r.loss;
          last = r.loss;
        }, request.plan);
        result = modeResult(w.batch, t, { first, last });
      } else {
        result = modeResult(w.batch, timeSteps(() => model.forward(x, w.batch, 'eval'), request.plan));
      }
      modes[mode] = result;
    }
    // Peak resident memory of this cell's process (the model, the wasm heap, Node itself), in MiB.
    return { info: { ...info, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }, modes };
  } finally {
    await selected.dispose();
  }
}
