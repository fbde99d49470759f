/**
 * Judges whether a saved file changed only where the edit demanded. Allowed: lines that mention the added node
 * (its node line, its edges), lines that only gained or lost a trailing comma because a list grew, and lines of
 * the "layout" section (node positions). Anything else changed is a reformat or a rewrite: a failure.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { diffLines } from './lineDiff';

export interface MinimalDiffReport {
  removed: string[];
  added: string[];
  /** Lines changed that the edit did not call for (empty when the save was minimal). */
  unexpected: string[];
}

const withoutComma = (line: string): string => line.trimEnd().replace(/,$/, '');

/** Line numbers (0-based) of the top-level "layout" object in `text`, or an empty set. */
function layoutLines(text: string): Set<number> {
  const node = findNodeAtLocation(parseTree(text)!, ['layout']);
  const lines = new Set<number>();
  if (!node) return lines;
  const first = text.slice(0, node.offset).split('\n').length - 1;
  const last = text.slice(0, node.offset + node.length).split('\n').length - 1;
  for (let i = first - 1; i <= last; i++) lines.add(i); // the `"layout": {` key line too
  return lines;
}

export function judgeDiff(before: string, after: string, addedNodeId: string): MinimalDiffReport {
  const { removed, added } = diffLines(before, after);
  const mentionsNewNode = (line: string): boolean => line.includes(`"${addedNodeId}"`);
  const afterLines = after.split('\n');
  const layout = layoutLines(after);
  const inLayout = new Set(afterLines.filter((_, i) => layout.has(i)));
  const beforeLayout = layoutLines(before);
  const inOldLayout = new Set(before.split('\n').filter((_, i) => beforeLayout.has(i)));

  const addedBare = new Set(added.map(withoutComma));
  const removedBare = new Set(removed.map(withoutComma));
  const unexpected = [
    ...removed.filter((l) => !addedBare.has(withoutComma(l)) && !inOldLayout.has(l)).map((l) => `- ${l}`),
    ...added.filter((l) => !mentionsNewNode(l) && !inLayout.has(l) && !removedBare.has(withoutComma(l))).map((l) => `+ ${l}`),
  ];
  return { removed, added, unexpected };
}
