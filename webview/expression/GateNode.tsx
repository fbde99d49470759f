/**
 * A var, const or gate on the expression canvas: its symbol, id, value (editable in place for a var or const) and,
 * once backward has reached it, ∂f/∂node in the gradient colour. The output is marked f.
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Tensor } from '../../engine/expression/tensor';
import type { JsonValue } from '../../engine/graph/types';
import { ValueEditor } from './ValueEditor';
import { ValueView } from './ValueView';

export interface GateData extends Record<string, unknown> {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  readonly symbol: string;
  readonly leaf: boolean;
  readonly isOutput: boolean;
  readonly value: Tensor | null;
  readonly grad: Tensor | null;
  /** The gate of the current backward step, or one of its inputs. */
  readonly highlight: 'gate' | 'input' | null;
  readonly severity: 'error' | 'warning' | null;
  readonly message: string | null;
  readonly onValue: (node: string, value: JsonValue) => void;
}

export type GateNodeType = Node<GateData, 'gate'>;

export const GateNode = memo(function GateNode({ data, selected }: NodeProps<GateNodeType>) {
  const classes = [
    'gate-card',
    data.leaf ? `gate-leaf gate-${data.type}` : 'gate-op',
    data.isOutput ? 'gate-output' : '',
    selected ? 'selected' : '',
    data.highlight ? `step-${data.highlight}` : '',
    data.severity ? `has-${data.severity}` : '',
  ].join(' ');
  return (
    <div className={classes} data-testid={`expr-node-${data.id}`} title={data.message ?? undefined}>
      {!data.leaf && <Handle type="target" position={Position.Left} />}
      <div className="gate-head">
        {data.leaf ? (
          <>
            <span className="gate-symbol">{data.label}</span>
            <span className="gate-id">{data.type}</span>
          </>
        ) : (
          <>
            <span className="gate-symbol">{data.symbol}</span>
            <span className="gate-id">{data.label}</span>
          </>
        )}
        {data.isOutput && <span className="gate-f" title="the output: f">f</span>}
      </div>
      <div className="gate-value" data-testid={`expr-value-${data.id}`}>
        {data.leaf && data.value ? (
          <ValueEditor node={data.id} value={data.value} onCommit={(v) => data.onValue(data.id, v)} />
        ) : data.value ? (
          <ValueView value={data.value} />
        ) : (
          <span className="muted">?</span>
        )}
      </div>
      {data.grad && (
        <div className="gate-grad" data-testid={`expr-grad-${data.id}`}>
          <span className="gate-grad-name">∂f/∂{data.label} =</span> <ValueView value={data.grad} className="grad" />
        </div>
      )}
      {data.severity && data.message && <div className={`gate-message severity-${data.severity}`}>{data.message}</div>}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
