/**
 * The smallest set of changed runs between two sequences (Myers' O(ND) diff, as git and VS Code use), so that an
 * edit to the graph becomes the few lines that really changed. Beyond `maxChanges` differences the middle is
 * treated as one changed run: still correct, just not minimal, and it bounds time and memory on whole rewrites.
 */

/** a[aStart, aEnd) is replaced by b[bStart, bEnd). */
export interface Hunk {
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

export function diffSequences<T>(a: readonly T[], b: readonly T[], maxChanges = 2000): Hunk[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  if (start === endA && start === endB) return [];
  const matches = middleMatches(a.slice(start, endA), b.slice(start, endB), maxChanges);
  const hunks: Hunk[] = [];
  let ai = 0;
  let bi = 0;
  for (const [x, y] of [...matches, [endA - start, endB - start] as const]) {
    if (x > ai || y > bi) hunks.push({ aStart: start + ai, aEnd: start + x, bStart: start + bi, bEnd: start + y });
    ai = x + 1;
    bi = y + 1;
  }
  return hunks;
}

/** Matched index pairs (ascending) of a longest common subsequence, or none when the diff is too large. */
function middleMatches<T>(a: readonly T[], b: readonly T[], maxChanges: number): [number, number][] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxChanges);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m);
    }
  }
  return [];
}

function backtrack(trace: readonly Int32Array[], offset: number, n: number, m: number): [number, number][] {
  const matches: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    if (d === 0) {
      while (x > 0 && y > 0) matches.push([--x, --y]);
      break;
    }
    const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    const midX = down ? prevX : prevX + 1;
    while (x > midX) matches.push([--x, --y]);
    x = prevX;
    y = prevY;
  }
  return matches.reverse();
}
