/**
 * One attribute in the inspector: a text box validated as you type; Enter or leaving the box commits. By default it
 * edits a node of the file; `validate`, `hint` and `onCommit` make it edit something else the same way (a node of a
 * module's definition, a module use's parameter).
 */
import { useEffect, useState } from 'react';
import type { JsonValue } from '../../engine/graph/types';
import { focusCard } from '../canvas/FindWidget';
import { sendIntent } from '../host';
import { attributeError, textToValue, valueToText } from '../model/attributeInput';

interface AttributeFieldProps {
  readonly node: string;
  readonly type: string;
  readonly name: string;
  readonly value: JsonValue | undefined;
  readonly placeholder: string;
  readonly doc: string;
  readonly known: boolean;
  /** The check as typed, instead of the block's attribute spec. */
  readonly validate?: (text: string) => string | null;
  /** A line under the box about the typed value (what a `$param` reference means here). */
  readonly hint?: (text: string) => string | null;
  /** Instead of set-attribute / remove-attribute on `node` (`undefined`: the box was emptied). */
  readonly onCommit?: (value: JsonValue | undefined) => void;
}

export function AttributeField({ node, type, name, value, placeholder, doc, known, validate, hint, onCommit }: AttributeFieldProps) {
  const stored = valueToText(value);
  const [text, setText] = useState(stored);
  useEffect(() => setText(stored), [stored, node]);
  const error = validate ? validate(text) : known ? attributeError(type, name, text) : `'${name}' is not an attribute of ${type}`;
  const note = error ? null : hint?.(text);

  const commit = () => {
    if (text === stored) return;
    const v = textToValue(text);
    if (onCommit) return onCommit(v);
    sendIntent(v === undefined ? { kind: 'remove-attribute', node, attribute: name } : { kind: 'set-attribute', node, attribute: name, value: v });
  };
  return (
    <label className={`attr${error ? ' invalid' : ''}`} title={doc}>
      <span className="attr-name">{name}</span>
      <input
        data-testid={`attr-${name}`}
        value={text}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            // A second Escape (nothing left to undo) goes back to the node's card on the canvas.
            if (text === stored) focusCard(node);
            else setText(stored);
          }
        }}
      />
      {error && <span className="attr-error">{error}</span>}
      {note && (
        <span className="attr-hint" data-testid={`attr-hint-${name}`}>
          {note}
        </span>
      )}
      {!known && (
        <button type="button" className="link" onClick={() => sendIntent({ kind: 'remove-attribute', node, attribute: name })}>
          remove
        </button>
      )}
    </label>
  );
}
