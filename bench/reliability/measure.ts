/** Per-case timing and heap figures for the reliability run: max and median per case, heap high-water mark. */
export class CaseStats {
  private readonly times: number[] = [];
  private heapMax = 0;
  uncaught = 0;
  readonly samples: string[] = [];

  /** Runs one case; an exception escaping `body` is counted (and a few kept as samples) instead of ending the run. */
  run(label: string, body: () => void): void {
    const t0 = performance.now();
    try {
      body();
    } catch (err) {
      this.uncaught++;
      if (this.samples.length < 5) this.samples.push(`${label}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`.slice(0, 300));
    }
    this.times.push(performance.now() - t0);
    if (this.times.length % 256 === 0) this.heapMax = Math.max(this.heapMax, process.memoryUsage().heapUsed);
  }

  get count(): number {
    return this.times.length;
  }

  summary(): string {
    const sorted = [...this.times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const max = sorted[sorted.length - 1] ?? 0;
    this.heapMax = Math.max(this.heapMax, process.memoryUsage().heapUsed);
    return `${this.count.toLocaleString('en-US')} cases, ${this.uncaught} uncaught; per case median ${median.toFixed(3)} ms, max ${max.toFixed(1)} ms; heap high-water ${(this.heapMax / 2 ** 20).toFixed(0)} MB`;
  }
}

/** Seeded generator (mulberry32): the same seed gives the same documents, so a failure can be replayed. */
export class Random {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}
