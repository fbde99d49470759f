/** The graph's input: its values are the batch itself, and nobody reads its gradient (unless a check asks). */
import { noWorkspace, passThrough, type BlockLayer } from '../core/layer';

export const inputLayer: BlockLayer = {
  create: passThrough,
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 2, 2] },
};
