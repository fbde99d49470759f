/**
 * A sign of life from inside long synchronous work. The training worker's heartbeat message can only leave when its
 * thread returns to the event loop, that is between steps, so a single step longer than the caller's silence limit
 * would look like a hang. The caller therefore also shares a SharedArrayBuffer holding one Int32 counter with the
 * worker (through `workerData`); the graph runner bumps it after every layer's forward and backward pass, and the
 * caller's watchdog takes a counter that moved as a sign of life. A thread stuck where no layer ever finishes moves
 * nothing and is still terminated. Outside a worker (the CLI's tests, the extension's predict) nothing is shared and
 * `beat` costs one null check.
 */

let counter: Int32Array | null = null;

/** In the worker: bumps go to `buffer` (the caller's LivenessProbe) from now on; null stops them. */
export function shareLiveness(buffer: SharedArrayBuffer | null): void {
  counter = buffer ? new Int32Array(buffer, 0, 1) : null;
}

/** One unit of finished work (a layer's forward or backward). Atomics: the caller reads it from another thread. */
export function beat(): void {
  if (counter !== null) Atomics.add(counter, 0, 1);
}

/** The caller's side: owns the buffer and tells whether the counter moved since it last looked. */
export class LivenessProbe {
  readonly buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  private readonly counter = new Int32Array(this.buffer);
  private seen = 0;

  /** True when the worker finished some work since the previous call (the counter wraps; only change matters). */
  moved(): boolean {
    const now = Atomics.load(this.counter, 0);
    const moved = now !== this.seen;
    this.seen = now;
    return moved;
  }
}
