/** The editor's toolbar: view commands, the summary toggle, and training (start, stop, panel). */
import VscodeButton from '@vscode-elements/react-elements/dist/components/VscodeButton.js';
import type { TrainingView } from '../../extension/protocol';
import { emitCommand } from '../commandBus';
import { send } from '../host';

interface ToolbarProps {
  readonly name: string;
  readonly summaryOpen: boolean;
  readonly trainingOpen: boolean;
  readonly training: TrainingView | null;
  readonly onToggleSummary: () => void;
  readonly onToggleTraining: () => void;
}

export function Toolbar({ name, summaryOpen, trainingOpen, training, onToggleSummary, onToggleTraining }: ToolbarProps) {
  const running = training?.status === 'running' || training?.status === 'starting' || training?.status === 'paused';
  return (
    <header className="toolbar">
      <span className="title">{name}</span>
      <button type="button" onClick={() => emitCommand({ command: 'fit-view' })} title="Fit the whole network in view">
        Fit view
      </button>
      <button type="button" onClick={() => emitCommand({ command: 'auto-layout', direction: 'DOWN' })} title="Auto layout, top-down (elkjs)">
        Layout ↓
      </button>
      <button type="button" onClick={() => emitCommand({ command: 'auto-layout', direction: 'RIGHT' })} title="Auto layout, left-to-right (elkjs)">
        Layout →
      </button>
      <button type="button" className={summaryOpen ? 'on' : ''} data-testid="toggle-summary" onClick={onToggleSummary}>
        Summary
      </button>
      <span className="spacer" />
      <button type="button" className={trainingOpen ? 'on' : ''} data-testid="toggle-training" onClick={onToggleTraining}>
        Training
      </button>
      {running ? (
        <>
          {training?.status === 'paused' ? (
            <button type="button" onClick={() => send({ type: 'train', action: 'resume' })}>
              Resume
            </button>
          ) : (
            <button type="button" onClick={() => send({ type: 'train', action: 'pause' })}>
              Pause
            </button>
          )}
          <VscodeButton data-testid="stop-button" onClick={() => send({ type: 'train', action: 'stop' })}>
            ■ Stop
          </VscodeButton>
        </>
      ) : (
        <>
          {training?.resumable && (
            <button type="button" title="Continue from the last checkpoint" onClick={() => send({ type: 'train', action: 'resume' })}>
              Resume
            </button>
          )}
          <VscodeButton data-testid="train-button" onClick={() => send({ type: 'train', action: 'start' })}>
            ▶ Train
          </VscodeButton>
        </>
      )}
    </header>
  );
}
