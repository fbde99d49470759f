/**
 * Workspace Trust: a repository someone cloned can ship graphs whose data sets, weights and run folders point
 * anywhere. In Restricted Mode (an untrusted workspace) the designer and shape inference work, since they only read
 * the graph's own text; training, export and reading data or weights are disabled with this message. The package
 * declares `capabilities.untrustedWorkspaces: { supported: "limited" }`.
 */
export type TrustedAction = 'train' | 'predict' | 'export' | 'history';

const WHAT: Record<TrustedAction, string> = {
  train: 'Training',
  predict: 'Running the trained network (it reads weights and data files)',
  export: 'Exporting',
  history: 'Reading past runs',
};

/** Why `action` may not run, or null when it may: only in a trusted workspace. */
export function restrictedReason(isTrusted: boolean, action: TrustedAction): string | null {
  if (isTrusted) return null;
  return `${WHAT[action]} is disabled in Restricted Mode: this workspace is not trusted. The designer and shape inference keep working; trust the workspace (Manage Workspace Trust) to train, export and read data or weights.`;
}
