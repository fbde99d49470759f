/**
 * The inspector's text boxes: what the user types becomes a JSON value ("2" → 2, "[3, 1]" → [3, 1], "same" →
 * "same"), checked with the block's own attribute spec as they type.
 */
import { blockFor } from '../../engine/blocks/specs';
import type { JsonValue } from '../../engine/graph/types';

/** The value as shown in a text box. */
export function valueToText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value).replace(/,/g, ', ');
}

/** Parses typed text: JSON when it is JSON, else the text itself as a string; `undefined` for an empty box. */
export function textToValue(text: string): JsonValue | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  try {
    return JSON.parse(t) as JsonValue;
  } catch {
    return t;
  }
}

/** `null` when the typed value is acceptable for the attribute, else the spec's message ("must be …"). */
export function attributeError(type: string, attribute: string, text: string): string | null {
  const spec = blockFor(type)?.attributes[attribute];
  const value = textToValue(text);
  if (!spec) return null;
  if (value === undefined) return spec.fallback ? null : 'required';
  const r = spec.read(value);
  return r.ok ? null : r.error;
}
