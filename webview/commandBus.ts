/** Canvas commands (fit view, auto layout) from the toolbar and from VS Code's command palette, on one channel. */
import type { EditorCommand } from '../extension/protocol';

export interface CanvasCommand {
  readonly command: EditorCommand;
  readonly direction?: 'DOWN' | 'RIGHT';
}

const listeners = new Set<(c: CanvasCommand) => void>();

export function emitCommand(c: CanvasCommand): void {
  for (const l of listeners) l(c);
}

export function onCommand(listener: (c: CanvasCommand) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
