/** "Check numerically": each variable's analytic gradient beside a centred difference, with the relative error. */
import { formatNumber } from '../../engine/expression/format';
import type { LeafCheck } from '../../engine/expression/numeric';
import { describeIndex, type Shape } from '../../engine/expression/tensor';

/** Above this relative error the row is flagged (a correct gradient agrees to ~1e-9; a kink within h does not). */
const FLAG = 1e-6;

export function NumericCheck({ checks, shapes }: { readonly checks: readonly LeafCheck[]; readonly shapes: ReadonlyMap<string, Shape> }) {
  if (checks.length === 0) return <p className="muted">Fix the graph's errors first: there is no gradient to check.</p>;
  const worst = Math.max(...checks.map((c) => c.worst));
  return (
    <section className="numeric-check" data-testid="numeric-check">
      <h3>Check numerically</h3>
      <p className="muted">(f(v + h) − f(v − h)) / 2h per element, h = 10⁻⁵·max(1, |v|); relative error |a − n| / max(|a|, |n|).</p>
      <table>
        <thead>
          <tr>
            <th>variable</th>
            <th>analytic</th>
            <th>numerical</th>
            <th>rel. error</th>
          </tr>
        </thead>
        <tbody>
          {checks.flatMap((c) =>
            c.elements.map((e, i) => {
              const where = describeIndex(shapes.get(c.id) ?? [], i);
              return (
                <tr key={`${c.id}-${i}`} className={e.relativeError > FLAG ? 'flagged' : ''} data-testid={`numeric-${c.id}-${i}`}>
                  <td>
                    {c.id}
                    {where ? <span className="muted"> {where}</span> : null}
                  </td>
                  <td>{formatNumber(e.analytic, 6)}</td>
                  <td>{Number.isNaN(e.numeric) ? 'undefined' : formatNumber(e.numeric, 6)}</td>
                  <td>{e.relativeError === 0 ? '0' : e.relativeError.toExponential(1)}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
      <p data-testid="numeric-verdict" className={worst > FLAG ? 'flagged' : ''}>
        {worst <= FLAG
          ? `Every gradient agrees with its centred difference (worst relative error ${worst === 0 ? '0' : worst.toExponential(1)}).`
          : 'A flagged row disagrees: a kink (max, min, relu) within h of the point makes the two one-sided slopes differ, or the gradient is wrong.'}
      </p>
    </section>
  );
}
