/**
 * The run's first sanity check (engine/train/initialLoss.ts): the loss of the initial weights against chance, ln C,
 * and, when it starts far above, the fix as a button that sets training.outputInitScale in the file.
 */
import type { InitialLossCheck as Check } from '../../engine/train/initialLoss';
import { sendIntent } from '../host';

export function InitialLossCheck({ check, current }: { readonly check: Check; readonly current: number | null }) {
  const fix = check.fix;
  // Once the file holds the fix, the button has done its work (the next run shows the new initial loss).
  const applied = fix !== null && current === fix.outputInitScale;
  return (
    <div className={`initial-loss verdict-${check.verdict}`} data-testid="initial-loss" data-verdict={check.verdict}>
      <span>{check.explanation}</span>
      {fix && !applied && (
        <button
          type="button"
          className="fix"
          data-testid="initial-loss-fix"
          title="Sets training.outputInitScale in the file; train again to start from the smaller output layer"
          onClick={() => sendIntent({ kind: 'set-training', key: 'outputInitScale', value: fix.outputInitScale })}
        >
          Set outputInitScale to {fix.outputInitScale} (initial loss → {fix.loss.toFixed(3)})
        </button>
      )}
      {applied && <span className="muted"> · outputInitScale {fix.outputInitScale} is set: train again to start from it</span>}
    </div>
  );
}
