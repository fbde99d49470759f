/**
 * The colours of an exported diagram. The canvas takes its colours from VS Code's theme variables; a file has no
 * theme, so the export fixes the two palettes of VS Code's default themes (Light Modern, Dark Modern) and the
 * canvas' family colours, which are mid-tones chosen to read on both (webview/styles.css).
 */
export type DiagramTheme = 'light' | 'dark';
export const DIAGRAM_THEMES: readonly DiagramTheme[] = ['light', 'dark'];

export interface Palette {
  readonly background: string;
  readonly cardBackground: string;
  readonly cardBorder: string;
  readonly text: string;
  readonly muted: string;
  readonly edge: string;
  readonly labelBackground: string;
  readonly error: string;
  readonly warning: string;
}

export const PALETTES: Readonly<Record<DiagramTheme, Palette>> = {
  light: {
    background: '#ffffff',
    cardBackground: '#f8f8f8',
    cardBorder: '#c8c8c8',
    text: '#1f1f1f',
    muted: '#616161',
    edge: '#8a8a8a',
    labelBackground: '#ffffff',
    error: '#d1242f',
    warning: '#9a6700',
  },
  dark: {
    background: '#1f1f1f',
    cardBackground: '#2b2b2b',
    cardBorder: '#454545',
    text: '#cccccc',
    muted: '#9d9d9d',
    edge: '#858585',
    labelBackground: '#1f1f1f',
    error: '#f85149',
    warning: '#d29922',
  },
};

/** Block families (engine/blocks/<family>/) and the canvas' colour for each. */
const FAMILY_COLORS: Readonly<Record<string, string>> = {
  input: '#6b7f99',
  conv: '#2f7fd1',
  pool: '#2ea37a',
  dense: '#8a5cd1',
  activation: '#d18a2f',
  regularization: '#9a9a3a',
  normalization: '#c2569b',
  merge: '#cc5a4a',
  reshape: '#5a9aa8',
};

export function familyColor(family: string): string {
  return FAMILY_COLORS[family] ?? '#888888';
}
