/**
 * Where each node object of a document's top-level "nodes" array starts and ends in its text: one pass outside
 * strings, for a text the clean reader (readClean.ts) has read, so it is valid JSON without repeated keys. Lets
 * an edit inside one node be read by re-reading that node alone (readEdited.ts).
 */
export interface NodeSpans {
  /** Offset of each node's `{`, in array order. */
  readonly starts: number[];
  /** Offset of each node's `}`. */
  readonly ends: number[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * The spans of the objects in the top-level "nodes" array (other values in it are not counted: the caller compares
 * the count with the nodes it read), or null when there is no such array or an element is an array.
 */
export function nodeSpans(text: string): NodeSpans | null {
  const starts: number[] = [];
  const ends: number[] = [];
  let depth = 0;
  /** The last string that ended at depth 1 (a key of the root object, once its colon follows). */
  let lastString = '';
  let stringStart = -1;
  let key = '';
  let inNodes = false;
  let found = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (stringStart >= 0) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) {
        if (depth === 1) lastString = text.slice(stringStart + 1, i);
        stringStart = -1;
      }
      continue;
    }
    if (c === QUOTE) stringStart = i;
    else if (c === COLON && depth === 1) key = lastString;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth === 2 && c === 0x5b && key === 'nodes') inNodes = found = true;
      else if (depth === 3 && inNodes) {
        if (c !== 0x7b) return null;
        starts.push(i);
      }
    } else if (c === 0x5d || c === 0x7d) {
      if (depth === 3 && inNodes) ends.push(i);
      else if (depth === 2) inNodes = false;
      depth--;
    }
  }
  // A key written with escapes ("n\u006fdes") is not found by its text: then nothing is claimed.
  return found && starts.length === ends.length ? { starts, ends } : null;
}
