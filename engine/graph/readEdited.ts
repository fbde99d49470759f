/**
 * Reads a document the way parseGraphText does, faster when the text is an edit of the last one read: a change
 * inside one node object (a digit typed over an attribute, the common text edit) re-reads that node alone and keeps
 * every other object of the last graph. At 2,000 nodes reading the whole text took ~8 ms of a text edit's time in
 * the webview (JSON.parse of 250 kB, the clean reader's checks, and the garbage), the node alone a few µs.
 *
 * The answer is the one parseGraphText gives (test/graph/readEdited.test.ts compares them over random edits): the
 * last text was clean (the clean reader read it), the change stays strictly inside one node's braces, and the new
 * node text passes the clean reader's own checks (readCleanNode); replacing one value's text by another valid
 * value's text leaves the rest of a JSON document reading exactly as before. Anything else reads the whole text.
 */
import type { TextChange } from '../document/textChanges';
import { parseGraphText, parsedClean, type ParseResult } from './parse';
import { nodeSpans, type NodeSpans } from './nodeSpans';
import { readCleanNode } from './readClean';
import { sameNode } from './keepUnchanged';
import type { Graph } from './types';

/** The root object and the nodes array hold each node object. */
const NODE_DEPTH = 2;

/** An edit of the text last read: the text it was made on, and its changes (as a `document-change` carries them). */
export interface TextEdit {
  readonly before: string;
  readonly changes: readonly TextChange[];
}

interface CleanReading {
  readonly text: string;
  readonly graph: Graph;
  /** Found when first needed (one pass over the text), then moved along with each edit. */
  spans: NodeSpans | null | undefined;
}

export class TextReader {
  private last: CleanReading | null = null;

  read(text: string, edit?: TextEdit): ParseResult {
    const quick = edit ? this.readNodeEdit(text, edit) : null;
    if (quick) return quick;
    const parsed = parseGraphText(text);
    this.last = parsed.graph && parsed.problems.length === 0 ? { text, graph: parsed.graph, spans: undefined } : null;
    return parsed;
  }

  private readNodeEdit(text: string, edit: TextEdit): ParseResult | null {
    const last = this.last;
    if (!last || edit.changes.length !== 1 || edit.before !== last.text) return null;
    if (last.spans === undefined) last.spans = spansOf(last);
    const spans = last.spans;
    if (!spans) return null;
    const { offset, length, text: inserted } = edit.changes[0];
    const i = nodeAt(spans, offset);
    // Strictly inside the braces: the node's `{` and `}` stay where they were.
    if (i < 0 || offset <= spans.starts[i] || offset + length > spans.ends[i]) return null;
    const start = spans.starts[i];
    const end = spans.ends[i];
    const nodeText = last.text.slice(start, offset) + inserted + last.text.slice(offset + length, end + 1);
    const node = readCleanNode(nodeText, NODE_DEPTH);
    if (!node) return null;
    const old = last.graph.nodes[i];
    let nodes = last.graph.nodes;
    if (!sameNode(old, node)) {
      const copy = nodes.slice();
      copy[i] = node;
      nodes = copy;
    }
    const graph: Graph = nodes === last.graph.nodes ? last.graph : { ...last.graph, nodes };
    const shift = inserted.length - length;
    const starts = spans.starts.slice();
    const ends = spans.ends.slice();
    ends[i] += shift;
    for (let k = i + 1; k < starts.length; k++) {
      starts[k] += shift;
      ends[k] += shift;
    }
    this.last = { text, graph, spans: { starts, ends } };
    return parsedClean(text, graph);
  }
}

function spansOf(reading: CleanReading): NodeSpans | null {
  const spans = nodeSpans(reading.text);
  return spans && spans.starts.length === reading.graph.nodes.length ? spans : null;
}

/** The index of the last node starting before `offset`, or -1. */
function nodeAt(spans: NodeSpans, offset: number): number {
  let lo = 0;
  let hi = spans.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans.starts[mid] < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
