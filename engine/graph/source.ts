/** Positions in the file's text, so that every problem can name a line and column (1-based, as editors show). */
export interface SourceRange {
  readonly offset: number;
  readonly length: number;
  readonly line: number;
  readonly column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  range(offset: number, length: number): SourceRange {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, length, line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
