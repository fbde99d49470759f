/**
 * Everything the CLI prints goes through here, because much of it is someone else's text: graph names, node ids,
 * class names from a weights file's metadata, file names, messages quoting a file. Raw, an ESC sequence in a graph
 * name set the terminal's title and cleared lines; a BEL rang; a CR or a bidi override made a line say something
 * else than it does. Control characters are shown as `\u001b`-style escapes (valid inside JSON strings too, so
 * `--json` output keeps its meaning); newline and tab stay, since the CLI's own layout uses them.
 */

/** C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates, line and paragraph separators. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes to stdout with control characters escaped. */
export function printOut(text: string): void {
  process.stdout.write(terminalSafe(text));
}

/** Writes to stderr with control characters escaped. */
export function printErr(text: string): void {
  process.stderr.write(terminalSafe(text));
}
