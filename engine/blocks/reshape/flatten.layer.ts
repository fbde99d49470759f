/** Flatten moves no number: an H×W×C image in NHWC memory already is its H·W·C vector, row by row, channels innermost. */
import { noWorkspace, passThrough, type BlockLayer } from '../core/layer';

export const flattenLayer: BlockLayer = {
  create: passThrough,
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 2, 2] },
};
