/**
 * An edge labelled with the tensor shape it carries, as Netron draws them. The label's text is written by the
 * LabelStore into the element (see labelStore.ts): a new shape re-renders nothing.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ShapeEdge } from '../model/flowModel';
import { useLabelStore } from './labelStore';

export const ShapeEdgeView = memo(function ShapeEdgeView(props: EdgeProps<ShapeEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd } = props;
  const store = useLabelStore();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={selected ? 'edge-selected' : undefined} />
      <EdgeLabelRenderer>
        <div
          className="edge-label"
          data-testid={`edge-label-${source}-${target}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          ref={store.textRef('edge', id)}
        />
      </EdgeLabelRenderer>
    </>
  );
});
