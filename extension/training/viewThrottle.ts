/**
 * Posts the training view to the webview at most once per interval: progress arrives every 250 ms from the worker,
 * and a chart redraw per message would cost the webview more than the message is worth. A pending post always
 * sends the newest view (it reads it when it fires); an immediate request (the start, the end) posts at once.
 * The interval may be a function, read at each request (the controller makes it grow with the size of the view).
 * Free of vscode, so the controller and the overhead benchmark share it.
 */
export class ViewThrottle {
  private lastPost = -Infinity;
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly post: () => void,
    private readonly intervalMs: number | (() => number) = 200,
    private readonly now: () => number = Date.now,
  ) {}

  request(immediate: boolean): void {
    const interval = typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs();
    const wait = interval - (this.now() - this.lastPost);
    if (immediate || wait <= 0) {
      this.cancel();
      this.fire();
    } else if (this.pending === null) {
      this.pending = setTimeout(() => this.fire(), wait);
    }
  }

  cancel(): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
  }

  private fire(): void {
    this.pending = null;
    this.lastPost = this.now();
    this.post();
  }
}

/** Bytes of posted view per millisecond the throttle allows on average: 100 kB/s. */
const BYTES_PER_MS = 100;
const MIN_INTERVAL_MS = 200;
const MAX_INTERVAL_MS = 2000;

/**
 * How long to wait after posting a view of `bytes` (its JSON length): 200 ms while it is small, so a short run's
 * charts still move several times a second, growing with the view to keep the stream near 100 kB/s, at most 2 s.
 * Measured in the real VS Code (code-server, 2 cores): views of 100–500 kB posted several times a second took
 * seconds each to reach the webview and kept an editor opened meanwhile from loading for 15–30 s; at ~100 kB/s
 * the editor opened in 5 s during the same run.
 */
export function postIntervalMs(bytes: number): number {
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.round(bytes / BYTES_PER_MS)));
}
