/** Shown instead of the canvas when the file is not valid JSON or not a version-1 graph. The file is never touched. */
import type { FileProblem } from '../../engine/graph/parse';
import { send } from '../host';

export function ErrorView({ problems }: { readonly problems: readonly FileProblem[] }) {
  const errors = problems.filter((p) => p.severity === 'error');
  return (
    <main className="error-view" data-testid="error-view">
      <h1>This file cannot be shown as a network</h1>
      <p>Fix it in the text editor; the canvas comes back as soon as the file reads as a wiregrad graph (version 1).</p>
      <ul>
        {errors.map((p, i) => (
          <li key={i}>
            <span className="where">
              line {p.range.line}, column {p.range.column}
            </span>
            : {p.message}
          </li>
        ))}
      </ul>
      <button type="button" className="primary" data-testid="open-as-text" onClick={() => send({ type: 'open-as-text' })}>
        Open as text
      </button>
    </main>
  );
}
