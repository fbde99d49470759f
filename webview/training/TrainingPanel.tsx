/**
 * The training panel: settings (the file's `training` section, edited like any attribute), the run's status,
 * live loss and accuracy charts, and the final test accuracy.
 */
import { useMemo } from 'react';
import type { Graph, JsonValue } from '../../engine/graph/types';
import type { TrainingView } from '../../extension/protocol';
import { send, sendIntent } from '../host';
import { textToValue, valueToText } from '../model/attributeInput';
import { chartData } from './chartData';
import { GradientFlowCharts } from './GradientFlowCharts';
import { InitialLossCheck } from './InitialLossCheck';
import { InputExplorer } from './InputExplorer';
import { LineChart } from './LineChart';
import { ConfusionMatrix, FilterGrid, MisclassifiedGrid } from './Pictures';

const SETTINGS: readonly { key: string; label: string; placeholder: string }[] = [
  { key: 'dataset', label: 'data set', placeholder: 'mnist, shapes, x2 or a folder' },
  { key: 'optimizer', label: 'optimizer', placeholder: 'adam' },
  { key: 'learningRate', label: 'learning rate', placeholder: '0.001' },
  { key: 'batchSize', label: 'batch size', placeholder: '64' },
  { key: 'epochs', label: 'epochs', placeholder: '10' },
  { key: 'seed', label: 'seed', placeholder: '42' },
  { key: 'validationSplit', label: 'validation split', placeholder: '0.1' },
];

function Setting({ name, label, placeholder, value }: { name: string; label: string; placeholder: string; value: JsonValue | undefined }) {
  const stored = valueToText(value);
  return (
    <label className="attr">
      <span className="attr-name">{label}</span>
      <input
        key={stored}
        data-testid={`training-${name}`}
        defaultValue={stored}
        placeholder={placeholder}
        spellCheck={false}
        onBlur={(e) => {
          if (e.target.value === stored) return;
          const v = textToValue(e.target.value);
          sendIntent({ kind: 'set-training', key: name, value: v === undefined ? null : v });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        }}
      />
    </label>
  );
}

function percent(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(2)}%`;
}

export function TrainingPanel({ view, graph }: { readonly view: TrainingView | null; readonly graph: Graph }) {
  const data = useMemo(() => (view ? chartData(view) : null), [view]);
  const lossSeries = useMemo(
    () => (data ? [
      { label: 'train loss', className: 'train', values: data.trainLoss },
      { label: 'validation loss', className: 'val', values: data.valLoss, points: true },
      ...data.past.map((p) => ({ label: `run ${p.name}`, className: 'past', values: p.loss })),
    ] : []),
    [data],
  );
  const accuracySeries = useMemo(
    () => (data ? [
      { label: 'train accuracy', className: 'train', values: data.trainAccuracy },
      { label: 'validation accuracy', className: 'val', values: data.valAccuracy, points: true },
    ] : []),
    [data],
  );
  const learned = view?.learned ?? null;
  const learnedSeries = useMemo(
    () =>
      learned
        ? [
            { label: 'learned', className: 'train', values: [...learned.y] },
            ...(learned.reference ? [{ label: learned.referenceLabel ?? 'target', className: 'val', values: [...learned.reference] }] : []),
          ]
        : [],
    [learned],
  );
  return (
    <section className="training" data-testid="training-panel">
      <div className="training-settings">
        {SETTINGS.map((s) => (
          <Setting key={s.key} name={s.key} label={s.label} placeholder={s.placeholder} value={graph.training?.[s.key]} />
        ))}
      </div>
      <div className="training-run">
        <div className={`training-status status-${view?.status ?? 'idle'}`} data-testid="training-status">
          {view ? view.line : 'Not trained yet: press Train.'}
        </div>
        <div className="sanity-checks">
          <button
            type="button"
            data-testid="check-overfit"
            disabled={view?.status === 'running' || view?.status === 'starting' || view?.status === 'paused'}
            title="Trains on the first 32 training samples (one batch, the file's optimizer and learning rate, up to 300 updates) and reports whether the loss reaches ≤ 0.05 with every sample right; nothing is saved"
            onClick={() => send({ type: 'check-overfit' })}
          >
            Can it overfit 32 samples?
          </button>
          {view?.overfit && (
            <span className={view.overfit.passed ? 'overfit-passed' : 'overfit-failed'} data-testid="overfit-result" data-passed={view.overfit.passed}>
              {view.overfit.explanation}
            </span>
          )}
        </div>
        {view?.memory && <div className="muted">{view.memory}</div>}
        {view?.backend && <div className="muted" data-testid="training-backend">engine: {view.backend}</div>}
        {view?.initialLoss && (
          <InitialLossCheck check={view.initialLoss} current={typeof graph.training?.outputInitScale === 'number' ? graph.training.outputInitScale : null} />
        )}
        {view?.designChanged && <div className="warning-line">The design changed since this run started; the running model is unaffected.</div>}
        {view?.error && <div className="error-line">{view.error}</div>}
        {view && view.fixes.length > 0 && (
          <div className="fixes">
            {view.fixes.map((f) => (
              <button key={f.title} type="button" className="fix" data-testid="training-fix" onClick={() => sendIntent(f.intent)}>
                {f.title}
              </button>
            ))}
          </div>
        )}
        {view && view.testAccuracy !== null && (
          <div className="test-result">
            test accuracy <strong data-testid="test-accuracy">{percent(view.testAccuracy)}</strong>
            {view.testLoss !== null && <span className="muted"> (loss {view.testLoss.toFixed(4)})</span>}
          </div>
        )}
        {view && view.testAccuracy === null && view.testLoss !== null && (
          <div className="test-result">
            test loss <strong data-testid="test-loss">{view.testLoss.toFixed(5)}</strong>
          </div>
        )}
        {view?.weightsFile && <div className="muted">weights: {view.weightsFile}</div>}
        {data && (
          <div className="charts">
            <LineChart testId="chart-loss" title="loss" x={data.x} series={lossSeries} />
            <LineChart testId="chart-accuracy" title="accuracy" x={data.x} series={accuracySeries} />
            {learned && <LineChart testId="chart-function" title="learned function (updated every epoch)" xLabel="x" x={learned.x} series={learnedSeries} />}
          </div>
        )}
        {view && <GradientFlowCharts flow={view.gradientFlow ?? []} flags={view.gradientFlags ?? []} />}
        {view?.runFolder && <div className="muted">this run: {view.runFolder}</div>}
        {view && view.pastRuns.length > 0 && (
          <div className="muted" data-testid="past-runs">
            earlier runs (dashed in the loss chart): {view.pastRuns.map((r) => r.name).join(', ')}
          </div>
        )}
        <div className="pictures">
          {view?.confusion && view.classNames && <ConfusionMatrix confusion={view.confusion} classNames={view.classNames} />}
          {view?.misclassified && <MisclassifiedGrid data={view.misclassified} />}
          {view?.filters && <FilterGrid filters={view.filters} />}
          {view?.inputShape?.length === 3 && (view.status === 'finished' || view.status === 'cancelled') && <InputExplorer key={view.weightsFile ?? ''} inputShape={view.inputShape} />}
        </div>
      </div>
    </section>
  );
}
