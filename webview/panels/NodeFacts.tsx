/** What the inspector shows of any node's analysis: its numbers, and how each comes out (formula → substituted). */
import { formatCount, formatPixels } from '../../engine/shape/format';
import type { NodeAnalysis } from '../../engine/shape/types';
import { paramsText, shapeText } from '../model/labels';

/** Block docs mark names with backticks (`filters`); shown as code. */
export function Doc({ text }: { readonly text: string }) {
  return (
    <>
      {text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
    </>
  );
}

export function NodeFacts({ analysis: a }: { readonly analysis: NodeAnalysis | undefined }) {
  return (
    <dl className="facts">
      <dt>output</dt>
      <dd data-testid="inspector-shape">{shapeText(a)}</dd>
      <dt>params</dt>
      <dd data-testid="inspector-params">{paramsText(a)}</dd>
      <dt>MACs</dt>
      <dd>{formatCount(a?.macs ?? 0)}</dd>
      {a?.receptiveField && (
        <>
          <dt>receptive field</dt>
          <dd>
            {formatPixels(a.receptiveField)}
            {a.jump ? ` (jump ${formatPixels(a.jump)})` : ''}
          </dd>
        </>
      )}
    </dl>
  );
}

export function Explanations({ analysis: a }: { readonly analysis: NodeAnalysis | undefined }) {
  if (!a || a.explanations.length === 0) return null;
  return (
    <section className="explanations">
      <h3>How the numbers come out</h3>
      {a.explanations.map((e, i) => (
        <div key={i} className="explanation" data-testid="explanation">
          <span className="quantity">{e.quantity}</span> <span className="formula">{e.formula}</span>
          <span className="arrow"> → </span>
          <span className="substituted">{e.substituted}</span>
        </div>
      ))}
    </section>
  );
}
