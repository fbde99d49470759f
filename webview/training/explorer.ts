/**
 * The input explorer's logic, free of React and the DOM (unit-tested): which input goes to the network (a test
 * image of the data set or the user's drawing), which conv node's activation maps come back, and the message.
 */
import type { ConvNode, WebviewMessage } from '../../extension/protocol';

export type ExplorerInput = { readonly kind: 'test'; readonly index: number } | { readonly kind: 'drawing'; readonly pixels: readonly number[] };

/** The test image `step` away from `index`; the host wraps it into the split, so only a known count is applied here. */
export function stepTestImage(index: number, step: number, count: number | null): number {
  const next = index + step;
  return count ? ((next % count) + count) % count : next;
}

/** A test image chosen at random (`random` in [0, 1), e.g. Math.random()). */
export function randomTestImage(count: number | null, random: number): number {
  return Math.floor(random * (count ?? 1_000_000));
}

/** The node whose maps are shown: the user's choice while the network has it, else the first conv node. */
export function chosenConvNode(nodes: readonly ConvNode[], wanted: string | null): string | null {
  if (wanted !== null && nodes.some((n) => n.node === wanted)) return wanted;
  return nodes[0]?.node ?? null;
}

/** The predict message for an input; a grey drawing goes to every channel of a colour network. */
export function predictMessage(requestId: number, input: ExplorerInput, node: string | null, channels: number): WebviewMessage {
  const target = node === null ? {} : { node };
  if (input.kind === 'test') return { type: 'predict', requestId, testIndex: input.index, ...target };
  const pixels = Array.from({ length: input.pixels.length * channels }, (_, i) => input.pixels[Math.floor(i / channels)]);
  return { type: 'predict', requestId, pixels, ...target };
}

/** The class with the highest probability (−1 for none). */
export function bestClass(probabilities: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < probabilities.length; i++) if (best < 0 || probabilities[i] > probabilities[best]) best = i;
  return best;
}
