/**
 * What a design needs in order to fit its data set, said as data by the code that refuses the run (the output
 * check, a data loader), so the caller can offer an edit instead of reading it out of the message's prose.
 * engine/train/failureFixes.ts turns a need into a fix on the graph being trained.
 */
export type DesignNeed =
  /** The output must be a vector of `units` values (a final dense layer of that many units). */
  | { readonly kind: 'output-units'; readonly units: number }
  /** The input node's shape must be `shape`. */
  | { readonly kind: 'input-shape'; readonly shape: readonly number[] };

