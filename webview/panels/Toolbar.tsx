/** The editor's toolbar: view commands, the summary toggle, export, and training (engine, start, stop, panel). */
import { useState } from 'react';
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
  // The built-in engine is the default; PyTorch runs the exported train.py with the Python the extension finds.
  const [engine, setEngine] = useState<'builtin' | 'pytorch'>('builtin');
  return (
    <header className="toolbar" data-testid="toolbar">
      <span className="title" title={name}>
        {name}
      </span>
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
      <button
        type="button"
        data-testid="export-pytorch"
        title="Export to PyTorch: NAME.pytorch/ beside the graph with model.py, weights.safetensors, train.py, verify.py"
        onClick={() => send({ type: 'export', target: 'pytorch' })}
      >
        Export PyTorch
      </button>
      <button type="button" data-testid="export-onnx" title="Export to ONNX: NAME.onnx beside the graph (opset 17, weights as initializers)" onClick={() => send({ type: 'export', target: 'onnx' })}>
        Export ONNX
      </button>
      <button
        type="button"
        data-testid="export-image"
        title="Export the diagram as SVG or PNG, as on screen or as a compact paper figure, light or dark (beside the graph)"
        onClick={() => send({ type: 'export-image' })}
      >
        Export image…
      </button>
      {/* The training controls stay together, at the right end of whichever row they land on. */}
      <span className="toolbar-group training-controls">
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
              <button type="button" data-testid="resume-button" title="Continue from the last checkpoint" onClick={() => send({ type: 'train', action: 'resume' })}>
                Resume
              </button>
            )}
            <select
              data-testid="engine-select"
              aria-label="Training engine"
              title="Which engine trains: wiregrad's own (worker threads) or PyTorch (the exported train.py, with the Python of the Python extension or wiregrad.pythonPath)"
              value={engine}
              onChange={(e) => setEngine(e.target.value === 'pytorch' ? 'pytorch' : 'builtin')}
            >
              <option value="builtin">wiregrad</option>
              <option value="pytorch">PyTorch</option>
            </select>
            <VscodeButton data-testid="train-button" onClick={() => send(engine === 'builtin' ? { type: 'train', action: 'start' } : { type: 'train', action: 'start', engine })}>
              ▶ Train
            </VscodeButton>
          </>
        )}
      </span>
    </header>
  );
}
