/**
 * What a rewrite of a graph file (`wiregrad format`, a canvas edit re-serialising a node's line) may not do: change
 * what the user wrote. JSON numbers become float64 when read, so `1e999` would be written back as null,
 * `12345678901234567890` with other digits and `1e-400` as 0; a key given twice keeps only its last value. Such text
 * cannot be kept exactly, so it is refused with a message naming its line, never rewritten. `sameMeaning` compares a
 * text with its rewrite token by token (numbers by their decimal digits, objects regardless of key order).
 */
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { firstTooDeep, MAX_NESTING } from './nesting';
import { LineIndex } from './source';

export interface LossProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A decimal number as significant digits and a power of ten: "1.50e3" and "1500" are both { digits "15", exp 4 }. */
function decimal(token: string): { negative: boolean; digits: string; exp: number } {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(token.trim());
  if (!m) return { negative: false, digits: token, exp: 0 };
  const [, sign, int = '', frac = '', e = '0'] = m;
  const all = int + frac;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return { negative: false, digits: '0', exp: 0 };
  const digits = all.slice(lead).replace(/0+$/, '');
  return { negative: sign === '-', digits, exp: Number(e) + int.length - lead };
}

function sameDecimal(a: string, b: string): boolean {
  if (a === b) return true; // the common case, spelled the same: no parsing
  const x = decimal(a);
  const y = decimal(b);
  return x.negative === y.negative && x.digits === y.digits && x.exp === y.exp;
}

/** Why a number token cannot survive being read as a float64 and written back, or null when it can. */
/** Integers of up to 15 digits are always exact in a float64 (2^53 ≈ 9.007e15): no further check needed. */
const SHORT_INTEGER = /^-?(0|[1-9]\d{0,14})$/;

export function numberLoss(token: string): string | null {
  if (SHORT_INTEGER.test(token)) return null;
  const value = Number(token);
  if (!Number.isFinite(value)) return `${token} is beyond the largest number a file can hold (about 1.8e308); it would be written as null`;
  if (!sameDecimal(token, String(value))) {
    return value === 0
      ? `${token} is below the smallest number a file can hold (about 5e-324); it would be written as 0`
      : `${token} has more digits than a float64 keeps; it would be written as ${JSON.stringify(value)}`;
  }
  return null;
}

const MAX_PROBLEMS = 20;

/**
 * Numbers that cannot be kept exactly and keys given twice in one object, in `text` (or only in
 * [offset, offset + length)), each naming its line and column.
 */
export function losslessProblems(text: string, within?: { offset: number; length: number }): LossProblem[] {
  const deep = firstTooDeep(text);
  if (deep >= 0) {
    const r = new LineIndex(text).range(deep, 1);
    return [{ line: r.line, column: r.column, message: `nested more than ${MAX_NESTING} levels deep` }];
  }
  const root = parseTree(text);
  if (!root) return [];
  const lines = new LineIndex(text);
  const problems: LossProblem[] = [];
  const inside = (n: JsonNode) => !within || (n.offset >= within.offset && n.offset + n.length <= within.offset + within.length);
  const report = (n: JsonNode, message: string) => {
    const r = lines.range(n.offset, n.length);
    problems.push({ line: r.line, column: r.column, message });
  };
  const stack: JsonNode[] = [root];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const n = stack.pop()!;
    if (n.type === 'number' && inside(n)) {
      const loss = numberLoss(text.slice(n.offset, n.offset + n.length));
      if (loss) report(n, loss);
    } else if (n.type === 'object' && inside(n)) {
      const seen = new Set<string>();
      for (const p of n.children ?? []) {
        const key = p.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        if (seen.has(name)) report(key, `the key ${JSON.stringify(name)} is given twice in one object; only the last would be kept`);
        seen.add(name);
      }
    }
    for (const c of n.children ?? []) stack.push(c);
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Where `after` does not keep what `before` says (a value changed, a key or an element dropped or added to a list), as
 * the path and the line in `before`; null when it keeps all of it (key order, whitespace, number spelling and keys
 * the rewrite adds aside).
 */
export function meaningDifference(before: string, after: string): { path: string; line: number } | null {
  if (firstTooDeep(before) >= 0 || firstTooDeep(after) >= 0) return { path: '(document)', line: 1 };
  const a = parseTree(before);
  const b = parseTree(after);
  if (!a || !b) return a === b ? null : { path: '(document)', line: 1 };
  const lines = new LineIndex(before);
  const at = (n: JsonNode, path: string) => ({ path: path || '(document)', line: lines.range(n.offset, n.length).line });
  const textOf = (n: JsonNode, src: string) => src.slice(n.offset, n.offset + n.length);
  const walk = (x: JsonNode, y: JsonNode, path: string): { path: string; line: number } | null => {
    if (x.type !== y.type) return at(x, path);
    switch (x.type) {
      case 'number':
        return sameDecimal(textOf(x, before), textOf(y, after)) ? null : at(x, path);
      case 'array': {
        const xs = x.children ?? [];
        const ys = y.children ?? [];
        if (xs.length !== ys.length) return at(x, path);
        for (let i = 0; i < xs.length; i++) {
          const d = walk(xs[i], ys[i], `${path}[${i}]`);
          if (d) return d;
        }
        return null;
      }
      case 'object': {
        const ym = new Map<string, JsonNode>();
        for (const p of y.children ?? []) if (p.children?.[1]) ym.set(String(p.children[0].value), p.children[1]);
        // Keys the rewrite adds (a default name the canonical form writes) change nothing the user wrote.
        for (const p of x.children ?? []) {
          const key = String(p.children?.[0]?.value);
          const other = ym.get(key);
          const sub = `${path}${path ? '.' : ''}${key}`;
          if (!other || !p.children?.[1]) return at(p, sub);
          const d = walk(p.children[1], other, sub);
          if (d) return d;
        }
        return null;
      }
      default:
        return x.value === y.value ? null : at(x, path);
    }
  };
  return walk(a, b, '');
}

/**
 * The losses an edit would cause by rewriting text it replaces (a canvas edit re-serialises a node's whole line): the
 * lossless problems inside the replaced ranges. Empty when the edit keeps everything the user wrote.
 */
export function editLosses(text: string, edits: readonly { readonly offset: number; readonly length: number }[]): LossProblem[] {
  if (edits.length === 0) return [];
  const problems: LossProblem[] = [];
  for (const e of edits) if (e.length > 0) problems.push(...losslessProblems(text, e));
  return problems;
}
