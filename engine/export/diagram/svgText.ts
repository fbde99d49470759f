/**
 * Writing SVG by hand, deterministically: escaped text, rounded coordinates, and text widths estimated from the
 * character count (no fonts are measured, so the same graph gives the same bytes on every machine; the estimates
 * are generous, so the text fits whichever of the named fonts draws it).
 */

/** Sans-serif and monospace font stacks; the monospace one is where shapes and counts are written. */
export const SANS = "'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
export const MONO = "Consolas, 'DejaVu Sans Mono', Menlo, 'Courier New', monospace";

/** Advance widths as a share of the font size: monospace fonts are 0.6 em; sans-serif letters are narrower on average. */
const MONO_EM = 0.6;
const SANS_EM = 0.6;
const SANS_BOLD_EM = 0.7;

export function textWidth(text: string, size: number, font: 'sans' | 'sans-bold' | 'mono'): number {
  const em = font === 'mono' ? MONO_EM : font === 'sans-bold' ? SANS_BOLD_EM : SANS_EM;
  return [...text].length * size * em;
}

/** `text` cut with an ellipsis to fit `width` (as the card's CSS does with a long id). */
export function fitText(text: string, width: number, size: number, font: 'sans' | 'sans-bold' | 'mono'): string {
  if (textWidth(text, size, font) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(chars.join('') + '…', size, font) > width) chars.pop();
  return chars.join('') + '…';
}

/**
 * Text and attribute values made safe for XML 1.0: the five markup characters escaped, and characters XML cannot
 * hold at all (C0 controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD.
 */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A coordinate with at most one decimal: the file stays short and does not depend on float noise. */
export function num(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** An element with attributes in the given order; `children` undefined makes it self-closing. */
export function element(name: string, attrs: Readonly<Record<string, string | number | undefined>>, children?: string): string {
  const written = Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : xml(v)}"`)
    .join('');
  return children === undefined ? `<${name}${written}/>` : `<${name}${written}>${children}</${name}>`;
}

/** A line of text; `anchor` as SVG's text-anchor. */
export function text(
  x: number,
  y: number,
  content: string,
  style: { readonly size: number; readonly fill: string; readonly font: 'sans' | 'sans-bold' | 'mono'; readonly anchor?: 'start' | 'middle' | 'end' },
  testId?: string,
): string {
  return element(
    'text',
    {
      x,
      y,
      'font-family': style.font === 'mono' ? MONO : SANS,
      'font-size': style.size,
      'font-weight': style.font === 'sans-bold' ? 'bold' : undefined,
      'text-anchor': style.anchor && style.anchor !== 'start' ? style.anchor : undefined,
      fill: style.fill,
      'data-id': testId,
    },
    xml(content),
  );
}
