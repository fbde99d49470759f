/** What to tell the user when their Python cannot train with PyTorch (pure, for tests). */

export function describeMissingTorch(python: { readonly path: string; readonly source: string }, failure: { readonly notFound: boolean; readonly stderr: string }): string {
  const select = 'select an interpreter with the Python extension ("Python: Select Interpreter") or set wiregrad.pythonPath';
  if (failure.notFound) return `Training with PyTorch needs Python: ${python.path} (${python.source}) was not found; ${select}.`;
  const missing = /No module named '([^'.]+)/.exec(failure.stderr)?.[1];
  if (missing) {
    const pip = missing === 'torch' ? 'pip install torch safetensors numpy' : `pip install ${missing}`;
    return `Training with PyTorch needs the '${missing}' module, which ${python.path} (${python.source}) cannot import: run \`${python.path} -m ${pip}\` (see pytorch.org for a GPU build), or ${select}.`;
  }
  const last = failure.stderr.trim().split('\n').pop() ?? '';
  return `${python.path} (${python.source}) cannot import torch: ${last || 'it exited with an error'}; ${select}.`;
}
