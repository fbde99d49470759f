/**
 * Which Python trains with PyTorch: the interpreter the Python extension (ms-python.python) has selected for the
 * graph's folder, else the `wiregrad.pythonPath` setting, else `python3`. Before a run it is asked to import torch,
 * safetensors and numpy; when it cannot, the message says which module is missing and how to get it.
 */
import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { describeMissingTorch } from './torchCheck';

interface PythonExtensionApi {
  readonly environments?: { getActiveEnvironmentPath(resource?: vscode.Uri): { readonly path: string } | undefined };
}

export interface ChosenPython {
  readonly path: string;
  /** Where it came from, for messages: "the Python extension's interpreter", "wiregrad.pythonPath"… */
  readonly source: string;
}

export async function choosePython(resource: vscode.Uri): Promise<ChosenPython> {
  const setting = vscode.workspace.getConfiguration('wiregrad', resource).get<string>('pythonPath')?.trim();
  if (setting) return { path: setting, source: 'the wiregrad.pythonPath setting' };
  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (extension) {
    try {
      const api = extension.isActive ? extension.exports : await extension.activate();
      const selected = api?.environments?.getActiveEnvironmentPath(resource)?.path;
      if (selected) return { path: selected, source: "the Python extension's selected interpreter" };
    } catch {
      // An extension that fails to activate leaves the default.
    }
  }
  return { path: process.platform === 'win32' ? 'python' : 'python3', source: 'the default (no wiregrad.pythonPath, no Python extension)' };
}

/** Resolves with the torch version, or rejects with a message naming what is missing and how to install it. */
export function checkTorch(python: ChosenPython): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python.path, ['-c', 'import torch, safetensors, numpy; print(torch.__version__)'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', (e: NodeJS.ErrnoException) => reject(new Error(describeMissingTorch(python, { notFound: e.code === 'ENOENT', stderr: e.message }))));
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(describeMissingTorch(python, { notFound: false, stderr: err })))));
  });
}
