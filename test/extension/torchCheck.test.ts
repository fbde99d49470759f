/** "Train with PyTorch" without a usable Python says what is missing and how to get it. */
import { describe, expect, it } from 'vitest';
import { describeMissingTorch } from '../../extension/training/torchCheck';

const python = { path: '/usr/bin/python3', source: 'the wiregrad.pythonPath setting' };

describe('a Python that cannot train with PyTorch', () => {
  it('names the missing module and the pip command', () => {
    const message = describeMissingTorch(python, { notFound: false, stderr: "Traceback (most recent call last):\n  File \"<string>\", line 1\nModuleNotFoundError: No module named 'torch'\n" });
    expect(message).toBe(
      "Training with PyTorch needs the 'torch' module, which /usr/bin/python3 (the wiregrad.pythonPath setting) cannot import: run `/usr/bin/python3 -m pip install torch safetensors numpy` (see pytorch.org for a GPU build), or select an interpreter with the Python extension (\"Python: Select Interpreter\") or set wiregrad.pythonPath.",
    );
    expect(describeMissingTorch(python, { notFound: false, stderr: "ModuleNotFoundError: No module named 'safetensors'" })).toMatch(/needs the 'safetensors' module.*-m pip install safetensors`/);
  });

  it('says when the interpreter itself is missing', () => {
    expect(describeMissingTorch({ path: 'python3', source: 'the default' }, { notFound: true, stderr: '' })).toMatch(/needs Python: python3 \(the default\) was not found; select an interpreter/);
  });

  it('passes on any other import failure in its last line', () => {
    expect(describeMissingTorch(python, { notFound: false, stderr: 'OSError: libcudnn.so.9: cannot open shared object file' })).toMatch(/cannot import torch: OSError: libcudnn.so.9/);
  });
});
