/**
 * Cancellation and pause for a training run, checked by the trainer between steps (never inside one), so a cancel
 * takes effect within one step and the weights are never left half-updated.
 */
export type ControlState = 'running' | 'pausing' | 'cancelled';

export class TrainingControl {
  private state: ControlState = 'running';
  private wake: (() => void) | null = null;

  get cancelled(): boolean {
    return this.state === 'cancelled';
  }

  get paused(): boolean {
    return this.state === 'pausing';
  }

  cancel(): void {
    this.state = 'cancelled';
    this.release();
  }

  pause(): void {
    if (this.state === 'running') this.state = 'pausing';
  }

  resume(): void {
    if (this.state === 'pausing') this.state = 'running';
    this.release();
  }

  /**
   * Called between steps: yields to the event loop (so that messages such as cancel can arrive in a worker), waits
   * while paused, and says whether to go on. `onPause` runs once when a pause takes effect, `onResume` when it ends.
   */
  async checkpoint(onPause?: () => void, onResume?: () => void): Promise<boolean> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.state === 'pausing') {
      onPause?.();
      while (this.state === 'pausing') await new Promise<void>((resolve) => (this.wake = resolve));
      if (this.state === 'running') onResume?.();
    }
    return this.state !== 'cancelled';
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
