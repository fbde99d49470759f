/**
 * What the training panel shows, as the host sends it to the webview: the run's state (`TrainingView`, built by
 * the extension from worker messages) and the pictures of a trained network (filters, activation maps,
 * predictions, misclassified test images, past runs).
 */
import type { GradientFlag } from '../../engine/train/gradientFlags';
import type { GradientFlowEpoch } from '../../engine/train/gradientFlow';
import type { InitialLossCheck } from '../../engine/train/initialLoss';
import type { OverfitResult } from '../../engine/train/overfit';
import type { Intent } from '../../engine/document/intent';

/** The learned function of a 1-in-1-out regression on a grid of x, with the target function when known. */
export interface LearnedFunction {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly reference: readonly number[] | null;
  readonly referenceLabel: string | null;
}

/** The first conv layer's filters as images (0–255, HWC per filter). */
export interface FilterImages {
  readonly node: string;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly images: readonly (readonly number[])[];
}

/** A conv2d node whose output is an image (activation maps can be shown for it). */
export interface ConvNode {
  readonly node: string;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** A test image the user picked, as the webview shows it (0–255, HWC) with its true class. */
export interface TestSample {
  readonly index: number;
  /** Images in the test split (previous/next wrap around). */
  readonly count: number;
  readonly actual: number | null;
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly pixels: readonly number[];
}

export interface Prediction {
  readonly probabilities: readonly number[];
  readonly classNames: readonly string[];
  /** Every conv node of the network (to choose the one whose maps are shown). */
  readonly convNodes: readonly ConvNode[];
  /** For the chosen conv node (every conv node when none was chosen), one 0–255 map per channel. */
  readonly activations: readonly { readonly node: string; readonly width: number; readonly height: number; readonly maps: readonly (readonly number[])[] }[];
  /** Set when the input was a test image. */
  readonly sample?: TestSample;
}

/** Test images the network got wrong, with its answers (images 0–255, HWC). */
export interface Misclassified {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** Test samples looked at, and how many of them were wrong. */
  readonly checked: number;
  readonly wrong: number;
  readonly classNames: readonly string[];
  readonly examples: readonly { readonly pixels: readonly number[]; readonly actual: number; readonly predicted: number; readonly confidence: number }[];
}

/** A previous run of the same graph, for overlaying its loss curve. */
export interface PastRun {
  readonly name: string;
  readonly steps: readonly { readonly step: number; readonly loss: number }[];
}

/** Training state as the webview's panel shows it (issue 5). Built by the extension from worker messages. */
export interface TrainingView {
  readonly status: 'idle' | 'starting' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';
  /** One line for people: "epoch 2/4 · step 120/844 · 1,830 samples/s · ETA 0:41". */
  readonly line: string;
  readonly dataset?: string;
  /** Loss and accuracy per reported step (x = global step). */
  readonly steps: readonly { readonly step: number; readonly loss: number; readonly accuracy: number | null }[];
  /** Per finished epoch (x = global step at the epoch's end). */
  readonly epochs: readonly {
    readonly epoch: number;
    readonly step: number;
    readonly trainLoss: number;
    readonly trainAccuracy: number | null;
    readonly valLoss: number | null;
    readonly valAccuracy: number | null;
  }[];
  readonly testAccuracy: number | null;
  readonly testLoss: number | null;
  readonly error: string | null;
  /** The graph changed after the run started (the running model is unaffected). */
  readonly designChanged: boolean;
  readonly memory: string | null;
  /** The kernels the run uses, as the worker's backend selection describes them ("wasm-simd, 2 threads"). */
  readonly backend: string | null;
  readonly weightsFile: string | null;
  readonly classNames: readonly string[] | null;
  /** confusion[actual][predicted] on the test split, after a classification run. */
  readonly confusion: readonly (readonly number[])[] | null;
  readonly learned: LearnedFunction | null;
  readonly filters: FilterImages | null;
  readonly misclassified: Misclassified | null;
  /** The folder this run's metrics and weights are written to. */
  readonly runFolder: string | null;
  readonly pastRuns: readonly PastRun[];
  /** The input shape of the trained network (for the drawing pad), when known. */
  readonly inputShape: readonly number[] | null;
  /** A checkpoint of an unfinished run exists beside the graph: Resume continues from it. */
  readonly resumable: boolean;
  /** Edits that make a design fit its data set, after a run refused for that reason. */
  readonly fixes: readonly { readonly title: string; readonly intent: Intent }[];
  /** Gradient flow per finished epoch (engine/train/gradientFlow.ts), for the per-node charts. */
  readonly gradientFlow: readonly GradientFlowEpoch[];
  /** The last epoch's vanishing/exploding flags, shown on the canvas cards and in the panel. */
  readonly gradientFlags: readonly GradientFlag[];
  /** The run's first sanity check: the loss of the initial weights against chance, with its fix when too high. */
  readonly initialLoss: InitialLossCheck | null;
  /** The last "can it overfit a tiny subset" check (engine/train/overfit.ts), when one ran. */
  readonly overfit: OverfitResult | null;
}
