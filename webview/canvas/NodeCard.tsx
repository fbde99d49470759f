/**
 * A block on the canvas: type, id, key attributes, output shape, params, and a badge when it has problems. React
 * Flow's node says which card it is; the texts come from the LabelStore, so a text change re-renders the card
 * alone, without React Flow's node wrapper.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CardNode } from '../model/flowModel';
import { useCard } from './labelStore';

export const NodeCard = memo(function NodeCard({ data, selected }: NodeProps<CardNode>) {
  const card = useCard(data.id);
  const severity = card?.severity ?? null;
  const messages = card?.messages ?? [];
  const classes = ['card', `family-${data.family}`, selected ? 'selected' : '', severity ? `has-${severity}` : ''].join(' ');
  return (
    <div className={classes} data-testid={`node-${data.id}`} title={messages.join('\n') || undefined}>
      <Handle type="target" position={data.horizontal ? Position.Left : Position.Top} />
      <div className="card-body">
      <div className="card-head">
        <span className="card-type" data-testid="node-type">
          {data.type}
        </span>
        <span className="card-id">{card?.label ?? data.id}</span>
        {severity && (
          <span className={`badge badge-${severity}`} data-testid="node-badge" data-severity={severity}>
            {severity === 'error' ? '✕' : '!'} {messages.length}
          </span>
        )}
      </div>
      {card?.keyAttrs && <div className="card-attrs">{card.keyAttrs}</div>}
      <div className="card-numbers">
        <span className="card-shape" data-testid="node-shape">
          {card?.shape}
        </span>
        <span className="card-params">
          <span data-testid="node-params">{card?.params}</span> <span className="unit">params</span>
        </span>
      </div>
      {severity && <div className="card-message">{messages[0]}</div>}
      </div>
      <Handle type="source" position={data.horizontal ? Position.Right : Position.Bottom} />
    </div>
  );
});
