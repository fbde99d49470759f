/** A block on the canvas: type, id, key attributes, output shape, params, and a badge when it has problems. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CardNode } from '../model/flowModel';

export const NodeCard = memo(function NodeCard({ data, selected }: NodeProps<CardNode>) {
  const classes = ['card', `family-${data.family}`, selected ? 'selected' : '', data.severity ? `has-${data.severity}` : ''].join(' ');
  return (
    <div className={classes} data-testid={`node-${data.id}`} title={data.messages.join('\n') || undefined}>
      <Handle type="target" position={data.horizontal ? Position.Left : Position.Top} />
      <div className="card-head">
        <span className="card-type" data-testid="node-type">
          {data.type}
        </span>
        <span className="card-id">{data.label ?? data.id}</span>
        {data.severity && (
          <span className={`badge badge-${data.severity}`} data-testid="node-badge" data-severity={data.severity}>
            {data.severity === 'error' ? '✕' : '!'} {data.messages.length}
          </span>
        )}
      </div>
      {data.keyAttrs && <div className="card-attrs">{data.keyAttrs}</div>}
      <div className="card-numbers">
        <span className="card-shape" data-testid="node-shape">
          {data.shape}
        </span>
        <span className="card-params">
          <span data-testid="node-params">{data.params}</span> <span className="unit">params</span>
        </span>
      </div>
      {data.severity && <div className="card-message">{data.messages[0]}</div>}
      <Handle type="source" position={data.horizontal ? Position.Right : Position.Bottom} />
    </div>
  );
});
