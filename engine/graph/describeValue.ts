/**
 * A JSON value for a message, as the user wrote it. A number too big for a double (`1e999`) is read as Infinity,
 * which JSON.stringify shows as `null`: "got null" for a number the user typed would send them looking for a null.
 */
export function describeValue(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}\u0000` : v));
  if (text === undefined) return 'nothing';
  return text.replace(/"\\u0000(-?Infinity|NaN)\\u0000"/g, '$1');
}
