/**
 * The Python with PyTorch that the PyTorch tests run: $WIREGRAD_TORCH_PYTHON, else the venv .ci/run installs
 * (~/.cache/wiregrad-torch, recipe in scripts/torch/install.sh). Where neither imports torch, the tests report
 * "skipped: no torch" with the reason instead of passing silently or failing.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export const TORCH_PYTHON = process.env.WIREGRAD_TORCH_PYTHON || path.join(os.homedir(), '.cache', 'wiregrad-torch', 'bin', 'python');

function probe(): { python: string | null; reason: string } {
  const r = spawnSync(TORCH_PYTHON, ['-c', 'import torch, safetensors, numpy; print(torch.__version__)'], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) return { python: null, reason: `${TORCH_PYTHON}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}` };
  if (r.status !== 0) return { python: null, reason: `${TORCH_PYTHON} cannot import torch, safetensors and numpy: ${r.stderr.trim().split('\n').pop()}` };
  return { python: TORCH_PYTHON, reason: `torch ${r.stdout.trim()}` };
}

const found = probe();
/** The interpreter, or null when there is no usable torch. */
export const torchPython = found.python;
/** The suite title suffix: "(torch 2.14.1+cu130)" or "— skipped: no torch (why)". */
export const torchStatus = found.python ? `(${found.reason})` : `— skipped: no torch (${found.reason})`;

if (!found.python) console.warn(`PyTorch tests: skipped: no torch (${found.reason}); .ci/run installs it (scripts/torch/install.sh)`);
