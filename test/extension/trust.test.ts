/**
 * Workspace Trust: the package declares limited support for untrusted workspaces, and the gate refuses training,
 * export and reading data or weights there with a message, while trusted workspaces pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { restrictedReason } from '../../extension/trust';

const ROOT = path.join(__dirname, '..', '..');

describe('Workspace Trust', () => {
  it('package.json declares limited support with a description', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(pkg.capabilities.untrustedWorkspaces.description).toMatch(/designer and shape inference work.*training, export and reading data or weights are disabled/);
  });

  it('refuses each guarded action when untrusted, with a message; allows it when trusted', () => {
    for (const action of ['train', 'predict', 'export', 'history'] as const) {
      expect(restrictedReason(true, action)).toBeNull();
      expect(restrictedReason(false, action)).toMatch(/is disabled in Restricted Mode: this workspace is not trusted\. The designer and shape inference keep working/);
    }
  });

  it('the training controller checks vscode.workspace.isTrusted before training, predicting and reading past runs', () => {
    const source = fs.readFileSync(path.join(ROOT, 'extension', 'training', 'trainingController.ts'), 'utf8');
    for (const action of ['train', 'predict', 'history']) expect(source).toContain(`restrictedReason(vscode.workspace.isTrusted, '${action}')`);
  });

  it('every export (toolbar buttons and commands go through exportDocument) checks it too', () => {
    const source = fs.readFileSync(path.join(ROOT, 'extension', 'exportCommands.ts'), 'utf8');
    expect(source).toContain(`restrictedReason(vscode.workspace.isTrusted, 'export')`);
  });
});
