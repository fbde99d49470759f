/** One attribute in the inspector: a text box validated as you type; Enter or leaving the box commits. */
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
}

export function AttributeField({ node, type, name, value, placeholder, doc, known }: AttributeFieldProps) {
  const stored = valueToText(value);
  const [text, setText] = useState(stored);
  useEffect(() => setText(stored), [stored, node]);
  const error = known ? attributeError(type, name, text) : `'${name}' is not an attribute of ${type}`;

  const commit = () => {
    if (text === stored) return;
    const v = textToValue(text);
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
      {!known && (
        <button type="button" className="link" onClick={() => sendIntent({ kind: 'remove-attribute', node, attribute: name })}>
          remove
        </button>
      )}
    </label>
  );
}
