/**
 * The backward step just taken, in the lecture's three numbers: the upstream gradient arriving at the gate, the
 * gate's local gradient for each input, and their product handed to that input — with the gate's pattern named
 * (add distributes, max routes, mul swaps and scales) and, where a value fans out, the gradients adding up.
 */
import type { ExpressionResult } from '../../engine/expression/evaluate';
import { productRule, stepHeadline } from '../../engine/expression/explain';
import { gateFor } from '../../engine/expression/gates';
import { isScalar } from '../../engine/expression/tensor';
import type { StepView } from './stepView';
import { ValueView } from './ValueView';

export function StepPanel({ result, steps }: { readonly result: ExpressionResult; readonly steps: StepView }) {
  const step = steps.current;
  const anyTensor = result.nodes.some((n) => n.shape && !isScalar(n.shape));
  if (!step) {
    return (
      <section className="step-panel" data-testid="step-panel">
        <h3>Backward pass: step 0 of {steps.total}</h3>
        <p>
          Backprop starts at the output <b>{result.output}</b> with ∂f/∂f = 1. Each step takes one gate, in reverse order, and hands every input the
          gradient arriving from above (upstream) times the gate's local gradient.
        </p>
      </section>
    );
  }
  const gate = gateFor(step.type);
  const inputs = result.byId.get(step.node)?.inputs ?? [];
  return (
    <section className="step-panel" data-testid="step-panel">
      <h3>
        Backward pass: step {steps.done} of {steps.total} — gate <b>{step.node}</b> = {step.type}({inputs.join(', ')})
      </h3>
      <p className="step-pattern" data-testid="step-pattern">
        {stepHeadline(step.type)}
      </p>
      {gate && <p className="step-rule muted">local gradient: {gate.rule}</p>}
      <div className="step-row">
        <span className="step-label">upstream ∂f/∂{step.node}</span>
        <ValueView value={step.upstream} className="grad" testId="step-upstream" />
      </div>
      <table className="step-inputs" data-testid="step-inputs">
        <thead>
          <tr>
            <th>input</th>
            <th>local</th>
            <th>upstream × local</th>
          </tr>
        </thead>
        <tbody>
          {step.inputs.map((s, k) => (
            <tr key={k} data-testid={`step-input-${s.input}`}>
              <td>
                <b>{s.input}</b>
                {gate?.inputNames && gate.inputNames[k] !== s.input ? <span className="muted"> ({gate.inputNames[k]})</span> : null}
              </td>
              <td>
                <ValueView value={s.local} testId={`step-local-${k}`} />
              </td>
              <td>
                <ValueView value={s.downstream} className="grad" testId={`step-downstream-${k}`} />
                {!isScalar(step.upstream.shape) || !isScalar(s.local.shape) ? <div className="muted step-how">{productRule(step.type, k, step.upstream, s.downstream)}</div> : null}
                {s.previous && (
                  <div className="step-fanout" data-testid={`step-fanout-${s.input}`}>
                    {s.input} fans out, so gradients add: <ValueView value={s.previous} className="grad" /> + <ValueView value={s.downstream} className="grad" /> ={' '}
                    <ValueView value={s.total} className="grad" />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {anyTensor && <p className="muted">Each gradient has its variable's shape: ∂f/∂W is a matrix like W, ∂f/∂x a vector like x.</p>}
    </section>
  );
}
