/** Python source fragments: literals written the way a person writes them. */

/** A number as a Python literal: integers as such, others in JavaScript's shortest round-trip form (valid Python). */
export function pyNumber(value: number): string {
  return String(value);
}

export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** A [h, w] pair as PyTorch takes it: `5` when both are equal, `(5, 3)` otherwise. */
export function pyPair(pair: readonly number[]): string {
  return pair[0] === pair[1] ? pyNumber(pair[0]) : `(${pyNumber(pair[0])}, ${pyNumber(pair[1])})`;
}

/** A Python tuple of numbers (`(1,)` for one). */
export function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${pyNumber(values[0])},)` : `(${values.map(pyNumber).join(', ')})`;
}

/** A Python string literal (double quotes, escapes for backslashes, quotes and control characters). */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** Keyword arguments whose value differs from PyTorch's default, in order: `stride=2, padding=1`. */
export function keywords(args: readonly (readonly [string, string, string])[]): string {
  return args
    .filter(([, value, fallback]) => value !== fallback)
    .map(([name, value]) => `, ${name}=${value}`)
    .join('');
}
