/**
 * A text change as VS Code reports it (TextDocumentContentChangeEvent: rangeOffset, rangeLength, text), and applying
 * a list of them to a copy of the text. The graph editor's host sends a document's changes instead of its whole text
 * (100 kB at 500 nodes, serialised at every hop between the extension host and the webview); the webview applies them
 * to the text it holds. VS Code's own mirror of a document applies an event's changes one after the other, each
 * against the text the previous one left (extHostDocumentData's acceptChanges), so this does the same.
 */
export interface TextChange {
  /** Offset (UTF-16 code units) of the replaced range in the text as the previous change left it. */
  readonly offset: number;
  /** Length of the replaced range. */
  readonly length: number;
  /** The text that replaces it. */
  readonly text: string;
}

/** `text` with every change applied in order, or null when a change's range is not inside the text it applies to. */
export function applyTextChanges(text: string, changes: readonly TextChange[]): string | null {
  let result = text;
  for (const c of changes) {
    if (!Number.isSafeInteger(c.offset) || !Number.isSafeInteger(c.length) || c.offset < 0 || c.length < 0 || c.offset + c.length > result.length) return null;
    result = result.slice(0, c.offset) + c.text + result.slice(c.offset + c.length);
  }
  return result;
}
