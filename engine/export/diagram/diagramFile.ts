/**
 * Where a diagram goes and how it is written: beside the graph, named by its style and theme
 * (`lenet5.svg`, `lenet5.paper.svg`, `lenet5.dark.png`, `lenet5.paper.dark.png`), replaced atomically.
 */
import path from 'node:path';
import { writeFileAtomic } from '../../io/atomicWrite';
import type { DiagramStyle } from './diagramSvg';
import type { DiagramTheme } from './theme';

export type DiagramFormat = 'svg' | 'png';

export function diagramFileName(graphFile: string, style: DiagramStyle, theme: DiagramTheme, format: DiagramFormat): string {
  const base = path.basename(graphFile).replace(/\.nn\.json$|\.json$/i, '');
  const suffix = `${style === 'paper' ? '.paper' : ''}${theme === 'dark' ? '.dark' : ''}.${format}`;
  return path.join(path.dirname(graphFile), base + suffix);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether `bytes` start as a PNG file does (the editor's PNG comes from the webview, untrusted). */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Writes a diagram atomically (temporary file, fsync, rename): an interrupted export never leaves half a picture. */
export function writeDiagram(file: string, content: string | Uint8Array): number {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  writeFileAtomic(file, bytes);
  return bytes.length;
}
