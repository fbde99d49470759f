/**
 * A wire as on the lecture's slides: the value it carries forward above it, and — once the backward pass has come
 * back along it — the gradient below it, in the gradient colour. With fan-out each wire shows its own share.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Tensor } from '../../engine/expression/tensor';
import { ValueView } from './ValueView';

export interface WireData extends Record<string, unknown> {
  readonly value: Tensor | null;
  readonly grad: Tensor | null;
  /** Into the gate of the current step. */
  readonly active: boolean;
}

export type WireEdgeType = Edge<WireData, 'wire'>;

export const WireEdge = memo(function WireEdge(props: EdgeProps<WireEdgeType>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const at = (dy: string) => ({ transform: `translate(-50%, ${dy}) translate(${labelX}px, ${labelY}px)` });
  return (
    <>
      <BaseEdge id={id} path={path} className={[selected ? 'edge-selected' : '', data?.active ? 'wire-active' : ''].join(' ')} />
      <EdgeLabelRenderer>
        {data?.value && (
          <div className="wire-label wire-value" data-testid={`wire-value-${source}-${target}`} style={at('calc(-100% - 3px)')}>
            <ValueView value={data.value} />
          </div>
        )}
        {data?.grad && (
          <div className="wire-label wire-grad" data-testid={`wire-grad-${source}-${target}`} style={at('3px')}>
            <ValueView value={data.grad} className="grad" />
          </div>
        )}
      </EdgeLabelRenderer>
    </>
  );
});
