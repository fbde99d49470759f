/**
 * A var's or const's value, edited in place on its card: one field per element (a row for a vector, a grid for a
 * matrix). A field that reads as a finite number updates the document as it is typed (after a short pause), so the
 * values and gradients downstream update live; an unreadable one is outlined and sends nothing.
 */
import { useEffect, useRef, useState } from 'react';
import type { JsonValue } from '../../engine/graph/types';
import { toJson, type Tensor } from '../../engine/expression/tensor';

const PAUSE_MS = 250;

interface Props {
  readonly node: string;
  readonly value: Tensor;
  readonly onCommit: (value: JsonValue) => void;
}

export function ValueEditor({ node, value, onCommit }: Props) {
  const [rows, cols] = value.shape.length === 0 ? [1, 1] : value.shape.length === 1 ? [1, value.shape[0]] : value.shape;
  return (
    <table className="value-editor nodrag" data-testid={`value-editor-${node}`}>
      <tbody>
        {Array.from({ length: rows }, (_, r) => (
          <tr key={r}>
            {Array.from({ length: cols }, (_, c) => {
              const i = r * cols + c;
              return (
                <td key={c}>
                  <Cell
                    testId={`value-${node}-${i}`}
                    number={value.data[i]}
                    onNumber={(x) => {
                      const data = value.data.slice();
                      data[i] = x;
                      onCommit(toJson({ shape: value.shape, data }) as JsonValue);
                    }}
                  />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Cell({ number, onNumber, testId }: { readonly number: number; readonly onNumber: (x: number) => void; readonly testId: string }) {
  const [text, setText] = useState(String(number));
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The document is the source of truth: a new value from it shows, unless the user is typing in this field.
  useEffect(() => {
    if (!editing.current) setText(String(number));
  }, [number]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const parsed = Number(text.replace('−', '-'));
  const valid = text.trim() !== '' && Number.isFinite(parsed);
  const commit = () => {
    clearTimeout(timer.current);
    if (valid && parsed !== number) onNumber(parsed);
  };
  return (
    <input
      className={valid ? '' : 'invalid'}
      data-testid={testId}
      value={text}
      size={Math.max(2, Math.min(7, text.length))}
      title={valid ? 'Edit the value: everything downstream updates' : 'Not a number'}
      onFocus={() => (editing.current = true)}
      onChange={(e) => {
        setText(e.target.value);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          const x = Number(e.target.value.replace('−', '-'));
          if (e.target.value.trim() !== '' && Number.isFinite(x)) onNumber(x);
        }, PAUSE_MS);
      }}
      onBlur={() => {
        editing.current = false;
        commit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(String(number));
      }}
    />
  );
}
