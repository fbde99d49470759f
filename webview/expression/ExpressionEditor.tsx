/**
 * The backprop lab: an expression graph in the same editor as networks. Forward values on the wires, the backward
 * pass's gradients under them, a Step control that walks backward one gate at a time (and back), a numerical check,
 * and the problems with their fixes. Everything is computed here from the document with the same engine as
 * `wiregrad grad`; edits go to the host as intents like every canvas edit.
 */
import './expression.css';
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { ExpressionDiagnostic } from '../../engine/expression/diagnostics';
import { evaluatePrepared } from '../../engine/expression/evaluate';
import { formatNumber } from '../../engine/expression/format';
import { gateFor } from '../../engine/expression/gates';
import { checkNumerically, type LeafCheck } from '../../engine/expression/numeric';
import { prepareExpression } from '../../engine/expression/structure';
import { formatShape, isScalar, type Shape } from '../../engine/expression/tensor';
import type { Graph } from '../../engine/graph/types';
import { emitCommand } from '../commandBus';
import { sendIntent } from '../host';
import { positionsFor } from '../model/fallbackLayout';
import { ExpressionCanvas, symbolOf } from './ExpressionCanvas';
import { GatePalette } from './GatePalette';
import { NumericCheck } from './NumericCheck';
import { StepPanel } from './StepPanel';
import { stepView } from './stepView';
import { ValueView } from './ValueView';

interface Props {
  readonly graph: Graph;
  readonly onNotice: (message: string) => void;
}

/** Where a gate added after a node goes (left to right, as the slides draw expressions). */
const STEP_X = 240;

export function ExpressionEditor({ graph, onNotice }: Props) {
  const prepared = useMemo(() => prepareExpression(graph), [graph]);
  const result = useMemo(() => evaluatePrepared(prepared), [prepared]);
  // null: not stepping (the whole backward pass is shown); otherwise the number of steps done.
  const [stepping, setStepping] = useState<number | null>(null);
  const [checking, setChecking] = useState(false);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const steps = useMemo(() => stepView(graph, result, stepping ?? Infinity), [graph, result, stepping]);
  const positions = useMemo(() => positionsFor(graph), [graph]);
  const shapes = useMemo(() => new Map(result.nodes.flatMap((n) => (n.shape ? [[n.id, n.shape] as [string, Shape]] : []))), [result]);
  const selected = selection.size === 1 ? result.byId.get([...selection][0]) : undefined;

  // A new document re-runs the check the user asked for, so its numbers never describe an older graph.
  const checks = useMemo<readonly LeafCheck[] | null>(() => (checking ? checkNumerically(prepared, result) : null), [checking, prepared, result]);

  const addGate = useCallback(
    (type: string) => {
      const after = selected?.id;
      const anchor = after ? positions.get(after) : undefined;
      sendIntent({ kind: 'add-node', type, ...(after ? { after } : {}), ...(anchor ? { position: { x: anchor.x + STEP_X, y: anchor.y } } : {}) });
    },
    [selected, positions],
  );

  const total = result.steps.length;
  return (
    <div className="app expression-app" data-testid="expression-editor">
      <div className="toolbar">
        <span className="title">{graph.name}</span>
        <span className="expr-f" data-testid="expr-f" title={result.output ? `the output: node '${result.output}'` : 'no output yet'}>
          {result.output && result.output !== 'f' ? `f = ${result.output}` : 'f'}
          {result.value !== null ? ` = ${formatNumber(result.value, 6).replace('-', '−')}` : ' has no value yet'}
        </span>
        <span className="spacer" />
        {stepping === null ? (
          <button type="button" data-testid="step-start" disabled={total === 0} title="Walk the backward pass one gate at a time" onClick={() => setStepping(0)}>
            Step through backward
          </button>
        ) : (
          <>
            <button type="button" data-testid="step-back" disabled={steps.done === 0} onClick={() => setStepping(Math.max(0, steps.done - 1))}>
              ◀ Back
            </button>
            <span className="step-count" data-testid="step-count">
              step {steps.done} / {total}
            </span>
            <button type="button" className="primary" data-testid="step-next" disabled={steps.done >= total} onClick={() => setStepping(Math.min(total, steps.done + 1))}>
              Next ▶
            </button>
            <button type="button" data-testid="step-done" onClick={() => setStepping(null)}>
              Show all
            </button>
          </>
        )}
        <button type="button" className={checking ? 'on' : ''} data-testid="check-numerically" onClick={() => setChecking((c) => !c)}>
          Check numerically
        </button>
        <button type="button" onClick={() => emitCommand({ command: 'fit-view' })}>
          Fit
        </button>
      </div>
      <div className="workspace">
        <GatePalette onAdd={addGate} />
        <div className="center">
          <ReactFlowProvider>
            <ExpressionCanvas graph={graph} result={result} steps={steps} stepping={stepping !== null} positions={positions} onSelection={setSelection} onNotice={onNotice} />
          </ReactFlowProvider>
        </div>
        <aside className="inspector expression-inspector" data-testid="expression-inspector">
          {stepping !== null && <StepPanel result={result} steps={steps} />}
          {selected && <NodeDetails id={selected.id} result={result} />}
          {stepping === null && !selected && (
            <p className="muted">
              Values flow forward along the wires (above); after the backward pass each wire shows, below it, the gradient handed back along it. Press{' '}
              <b>Step through backward</b> to watch it gate by gate. Edit a var's value on its card: everything updates.
            </p>
          )}
          <Problems diagnostics={result.diagnostics} />
          {checks && <NumericCheck checks={checks} shapes={shapes} />}
        </aside>
      </div>
    </div>
  );
}

function NodeDetails({ id, result }: { readonly id: string; readonly result: ReturnType<typeof evaluatePrepared> }) {
  const node = result.byId.get(id)!;
  const gate = gateFor(node.type);
  return (
    <section className="node-details" data-testid="node-details">
      <h3>
        <span className="gate-symbol">{symbolOf(node.type)}</span> {id} <span className="muted">({node.type})</span>
      </h3>
      {gate && <p className="muted">{gate.doc}. Local gradient: {gate.rule}.</p>}
      <dl className="facts">
        <dt>shape</dt>
        <dd>{node.shape ? formatShape(node.shape) : '?'}</dd>
        <dt>value</dt>
        <dd>{node.value ? <ValueView value={node.value} /> : '?'}</dd>
        <dt>∂f/∂{id}</dt>
        <dd>{node.grad ? <ValueView value={node.grad} className="grad" /> : '—'}</dd>
      </dl>
      {node.shape && !isScalar(node.shape) && <p className="muted">Its gradient has its shape ({formatShape(node.shape)}): one partial derivative per element.</p>}
      {node.contributions.length > 1 && (
        <p>
          {id} feeds {node.contributions.length} gates; their gradients add up:{' '}
          {node.contributions.map((c, i) => (
            <span key={i}>
              {i > 0 ? ' + ' : ''}
              <ValueView value={c.grad} className="grad" /> <span className="muted">(from {c.from})</span>
            </span>
          ))}
        </p>
      )}
      {result.output !== id && node.shape && isScalar(node.shape) && (
        <button type="button" data-testid="make-output" onClick={() => sendIntent({ kind: 'apply-fix', edits: [{ kind: 'set-output', node: id }] })}>
          Make {id} the output f
        </button>
      )}
    </section>
  );
}

function Problems({ diagnostics }: { readonly diagnostics: readonly ExpressionDiagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="diagnostics">
      {diagnostics.map((d, i) => (
        <li key={`${d.code}-${i}`} className={`diagnostic-item severity-${d.severity}`}>
          <div className="diagnostic-message" data-testid="diagnostic">
            {d.message}
          </div>
          {d.fixes.length > 0 && (
            <div className="fixes">
              {d.fixes.map((f, j) => (
                <button key={j} type="button" className="fix" data-testid="fix-button" onClick={() => sendIntent({ kind: 'apply-fix', edits: f.edits })}>
                  {f.title}
                </button>
              ))}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
