/**
 * Posts the training view to the webview at most once per interval: progress arrives every 250 ms from the worker,
 * and a chart redraw per message would cost the webview more than the message is worth. A pending post always
 * sends the newest view (it reads it when it fires); an immediate request (a new epoch, the end) posts at once.
 * Free of vscode, so the controller and the overhead benchmark share it.
 */
export class ViewThrottle {
  private lastPost = -Infinity;
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly post: () => void,
    private readonly intervalMs = 200,
    private readonly now: () => number = Date.now,
  ) {}

  request(immediate: boolean): void {
    const wait = this.intervalMs - (this.now() - this.lastPost);
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
