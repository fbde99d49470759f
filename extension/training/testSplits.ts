/**
 * The test split a picked test image comes from, loaded once per document, data set, input shape and seed, then
 * reused for every image the user picks (loading MNIST's test split takes a while; picking an image must not).
 */
import type { Dataset } from '../../engine/data/types';
import { loadTestSplit, type TrainedNetwork } from './insights';

export class TestSplits {
  private readonly sets = new Map<string, { readonly key: string; readonly data: Promise<Dataset> }>();

  /** `documentKey`: the document's URI; `graphFile`: its path (data sets are found relative to it). */
  get(documentKey: string, net: TrainedNetwork, graphFile: string): Promise<Dataset> {
    const wanted = `${net.weights.info.dataset ?? ''}|${net.model.inputShape.join('x')}|${net.weights.info.seed ?? ''}`;
    let cached = this.sets.get(documentKey);
    if (!cached || cached.key !== wanted) {
      cached = { key: wanted, data: loadTestSplit(net, graphFile) };
      this.sets.set(documentKey, cached);
      // A failed load is not kept: the next pick tries again.
      cached.data.catch(() => this.sets.delete(documentKey));
    }
    return cached.data;
  }
}
