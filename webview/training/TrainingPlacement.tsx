/**
 * Where the training panel sits: docked under the canvas (the default), widened over the whole editor (the
 * canvas, palette and inspector hidden, the pictures at full width), or in an editor tab of its own (a second
 * editor of the same document beside this one, which follows the same runs).
 */
import { send } from '../host';

export type TrainingPlacement = 'docked' | 'wide' | 'tab';

interface Props {
  readonly placement: TrainingPlacement;
  readonly onPlacement: (p: TrainingPlacement) => void;
  readonly onClose: () => void;
}

export function TrainingPlacementBar({ placement, onPlacement, onClose }: Props) {
  if (placement === 'tab') return null;
  return (
    <div className="training-bar" data-testid="training-bar">
      <span className="training-bar-title">Training</span>
      <button
        type="button"
        data-testid="training-widen"
        aria-pressed={placement === 'wide'}
        title={placement === 'wide' ? 'Dock the training panel under the canvas again' : 'Widen the training panel over the whole editor'}
        onClick={() => onPlacement(placement === 'wide' ? 'docked' : 'wide')}
      >
        {placement === 'wide' ? 'Dock' : 'Widen'}
      </button>
      <button type="button" data-testid="training-own-tab" title="Open the training panel in an editor tab of its own, beside this one" onClick={() => send({ type: 'open-training-tab' })}>
        Open in its own tab
      </button>
      <button type="button" className="icon" aria-label="Close the training panel" title="Close the training panel" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
