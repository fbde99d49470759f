/**
 * An edge labelled with the tensor shape it carries, as Netron draws them. The label's text is its own component
 * reading the LabelStore: a new shape re-renders the text, not the edge.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ShapeEdge } from '../model/flowModel';
import { useEdgeShape } from './labelStore';

const EdgeShape = memo(function EdgeShape({ id }: { id: string }) {
  return <>{useEdgeShape(id)}</>;
});

export const ShapeEdgeView = memo(function ShapeEdgeView(props: EdgeProps<ShapeEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={selected ? 'edge-selected' : undefined} />
      <EdgeLabelRenderer>
        <div
          className="edge-label"
          data-testid={`edge-label-${source}-${target}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          <EdgeShape id={id} />
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
