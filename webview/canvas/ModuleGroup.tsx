/**
 * An expanded module use: a frame at the use's place holding the cards of its nodes (see model/moduleView.ts),
 * labelled by the use's id and module. Edges into and out of the use attach to the frame, as they did to the card.
 * Double-click the frame's title (or the collapsed card) to switch.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { GroupNode } from '../model/moduleView';

export const ModuleGroup = memo(function ModuleGroup({ data, selected }: NodeProps<GroupNode>) {
  return (
    <div className={`module-group${selected ? ' selected' : ''}`} data-testid={`group-${data.id}`}>
      <Handle type="target" position={data.horizontal ? Position.Left : Position.Top} aria-label={`input of ${data.id}`} />
      <div className="module-group-title" data-testid="group-title">
        <span className="card-type">module:{data.module}</span> <span className="card-id">{data.id}</span>{' '}
        <span className="unit">{data.count} nodes</span>
      </div>
      <Handle type="source" position={data.horizontal ? Position.Right : Position.Bottom} aria-label={`output of ${data.id}`} />
    </div>
  );
});
