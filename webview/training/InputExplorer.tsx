/**
 * What the network says about one input: a test image picked from the data set's test split (previous / next /
 * random) or a drawing, its class probabilities as a bar chart, and the activation maps of a chosen conv node
 * as a grid of small images. The host runs the input through the last trained weights.
 */
import { useEffect, useRef, useState } from 'react';
import type { Prediction } from '../../extension/protocol';
import { onHostMessage, send } from '../host';
import { DrawPad } from './DrawPad';
import { bestClass, chosenConvNode, predictMessage, randomTestImage, stepTestImage, type ExplorerInput } from './explorer';
import { Bitmap } from './Pictures';

let nextRequest = 1;

function ClassProbabilities({ prediction, actual }: { prediction: Prediction; actual: number | null }) {
  const best = bestClass(prediction.probabilities);
  return (
    <div className="probabilities" data-testid="class-probabilities">
      {prediction.probabilities.map((p, i) => (
        <div key={i} className={`probability${i === best ? ' best' : ''}`} title={i === actual ? 'the true class' : undefined}>
          <span className="class-name">
            {prediction.classNames[i]}
            {i === actual ? ' ✓' : ''}
          </span>
          <span className="bar">
            <span className="bar-fill" style={{ width: `${(p * 100).toFixed(1)}%` }} />
          </span>
          <span className="num">{(p * 100).toFixed(1)}%</span>
        </div>
      ))}
    </div>
  );
}

function ActivationMaps({ prediction, node, onNode }: { prediction: Prediction; node: string | null; onNode: (node: string) => void }) {
  const maps = prediction.activations.find((a) => a.node === node) ?? prediction.activations[0];
  if (!maps || prediction.convNodes.length === 0) return null;
  const scale = Math.max(2, Math.floor(48 / Math.max(maps.width, maps.height)));
  return (
    <div className="activations" data-testid="activation-maps">
      <label>
        activation maps of{' '}
        <select data-testid="activation-node" value={maps.node} onChange={(e) => onNode(e.target.value)}>
          {prediction.convNodes.map((c) => (
            <option key={c.node} value={c.node}>
              {c.node} ({c.height}×{c.width}×{c.channels})
            </option>
          ))}
        </select>
      </label>
      <div className="bitmaps">
        {maps.maps.map((m, i) => (
          <Bitmap key={i} values={m} width={maps.width} height={maps.height} channels={1} scale={scale} title={`${maps.node} channel ${i}`} />
        ))}
      </div>
    </div>
  );
}

export function InputExplorer({ inputShape }: { inputShape: readonly number[] }) {
  const [h, w, c] = inputShape;
  const [input, setInput] = useState<ExplorerInput>({ kind: 'test', index: 0 });
  const [node, setNode] = useState<string | null>(null);
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [sample, setSample] = useState<Prediction['sample'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(0);

  useEffect(
    () =>
      onHostMessage((m) => {
        if (m.type !== 'prediction' || m.requestId !== pending.current) return;
        setError(m.error ?? null);
        if (!m.prediction) return;
        setPrediction(m.prediction);
        if (m.prediction.sample) setSample(m.prediction.sample);
      }),
    [],
  );

  useEffect(() => {
    pending.current = nextRequest++;
    send(predictMessage(pending.current, input, node, c));
  }, [input, node, c]);

  const count = sample?.count ?? null;
  const index = input.kind === 'test' ? input.index : (sample?.index ?? 0);
  const shownNode = prediction ? chosenConvNode(prediction.convNodes, node) : node;
  return (
    <div className="picture-block" data-testid="input-explorer">
      <h4>What the network says about one input</h4>
      <div className="draw-row">
        <div data-testid="test-image">
          {sample && <Bitmap values={sample.pixels} width={sample.width} height={sample.height} channels={sample.channels} scale={Math.max(1, Math.floor(112 / Math.max(sample.width, sample.height)))} />}
          <div className="muted" data-testid="test-image-caption">{sample ? `test image ${sample.index + 1} of ${sample.count.toLocaleString('en-US')}${sample.label ? ` · class ${sample.label}` : ''}` : 'test image'}</div>
          <div>
            <button type="button" title="previous test image" onClick={() => setInput({ kind: 'test', index: stepTestImage(index, -1, count) })}>
              ◀
            </button>
            <button type="button" title="next test image" onClick={() => setInput({ kind: 'test', index: stepTestImage(index, 1, count) })}>
              ▶
            </button>
            <button type="button" onClick={() => setInput({ kind: 'test', index: randomTestImage(count, Math.random()) })}>
              Random
            </button>
          </div>
        </div>
        <div data-testid="draw-pad">
          <DrawPad width={w} height={h} onDrawn={(pixels) => setInput({ kind: 'drawing', pixels })} />
        </div>
        {prediction && (
          <div>
            <div className="muted" data-testid="explorer-input">
              {input.kind === 'test' ? `input: test image ${(sample?.index ?? input.index) + 1}` : 'input: your drawing'}
            </div>
            <ClassProbabilities prediction={prediction} actual={input.kind === 'test' ? (sample?.actual ?? null) : null} />
          </div>
        )}
      </div>
      {error && <div className="error-line">{error}</div>}
      {prediction && <ActivationMaps prediction={prediction} node={shownNode} onNode={setNode} />}
    </div>
  );
}
