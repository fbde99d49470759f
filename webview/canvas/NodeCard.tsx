/**
 * A block on the canvas: type, id, key attributes, output shape, params, and a badge when it has problems. React
 * Flow's node says which card it is (type, family, orientation); the label and problems come from the LabelStore's
 * look of the card, and the texts that change with every edit (attributes, shape, params) are written into their
 * elements by the store itself (see labelStore.ts): an edit that changes them re-renders no card at all.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CardNode } from '../model/flowModel';
import { useGradientFlag } from './gradientFlagContext';
import { useCardLook, useLabelStore } from './labelStore';

const NO_MESSAGES: readonly string[] = [];

export const NodeCard = memo(function NodeCard({ data, selected }: NodeProps<CardNode>) {
  const store = useLabelStore();
  const look = useCardLook(data.id);
  const severity = look?.severity ?? null;
  const messages = look?.messages ?? NO_MESSAGES;
  const flag = useGradientFlag(data.id);
  const classes = ['card', `family-${data.family}`, selected ? 'selected' : '', severity ? `has-${severity}` : ''].join(' ');
  return (
    <div className={classes} data-testid={`node-${data.id}`} title={messages.join('\n') || undefined}>
      <Handle type="target" position={data.horizontal ? Position.Left : Position.Top} aria-label={`input of ${data.id}`} />
      <div className="card-body">
      <div className="card-head">
        <span className="card-type" data-testid="node-type">
          {data.type}
        </span>
        <span className="card-id">{look?.label ?? data.id}</span>
        {severity && (
          <span className={`badge badge-${severity}`} data-testid="node-badge" data-severity={severity}>
            {severity === 'error' ? '✕' : '!'} {messages.length}
          </span>
        )}
        {flag && (
          <span
            className={`badge badge-gradient flag-${flag.kind}`}
            data-testid="gradient-badge"
            data-kind={flag.kind}
            title={`${flag.explanation} (measured in the last training epoch)`}
          >
            {flag.kind === 'vanishing' ? '∇↓' : '∇↑'}
          </span>
        )}
      </div>
      {/* Empty when the block has no key attributes; CSS hides it then. */}
      <div className="card-attrs" ref={store.textRef('keyAttrs', data.id)} />
      <div className="card-numbers">
        <span className="card-shape" data-testid="node-shape" ref={store.textRef('shape', data.id)} />
        <span className="card-params">
          <span data-testid="node-params" ref={store.textRef('params', data.id)} /> <span className="unit">params</span>
        </span>
      </div>
      {severity && <div className="card-message">{messages[0]}</div>}
      </div>
      <Handle type="source" position={data.horizontal ? Position.Right : Position.Bottom} aria-label={`output of ${data.id}`} />
    </div>
  );
});
