/**
 * How deeply a JSON text nests arrays and objects, measured before parsing: the parser and every walk over its tree
 * recurse once per level, so a pathological file (`[[[[…` 100,000 deep) would overflow the stack instead of getting
 * a message. A graph file needs about six levels; anything near the limit is not a graph.
 */
export const MAX_NESTING = 100;

/** The offset of the first `[` or `{` that opens level `limit + 1`, or -1 when the text stays within the limit. */
export function firstTooDeep(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}
