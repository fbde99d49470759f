/**
 * Draw an input (a digit, for MNIST-style networks) and see the class probabilities and every conv layer's
 * activation maps for it. The pad is the network's input size, drawn with a soft brush, scaled up on screen.
 */
import { useEffect, useRef, useState } from 'react';
import type { Prediction } from '../../extension/protocol';
import { onHostMessage, send } from '../host';
import { Bitmap } from './Pictures';

const SCALE = 8;
let nextRequest = 1;

export function DrawPad({ inputShape }: { inputShape: readonly number[] }) {
  const [h, w, c] = inputShape.length === 3 ? inputShape : [0, 0, 0];
  const canvas = useRef<HTMLCanvasElement>(null);
  const pixels = useRef<Float32Array>(new Float32Array(h * w));
  const drawing = useRef(false);
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [layer, setLayer] = useState(0);
  const pending = useRef(0);

  useEffect(
    () =>
      onHostMessage((m) => {
        if (m.type !== 'prediction' || m.requestId !== pending.current) return;
        setPrediction(m.prediction ?? null);
        setError(m.error ?? null);
      }),
    [],
  );

  const paint = () => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(w, h);
    pixels.current.forEach((v, i) => image.data.set([v * 255, v * 255, v * 255, 255], i * 4));
    const small = document.createElement('canvas');
    small.width = w;
    small.height = h;
    small.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, w * SCALE, h * SCALE);
  };
  useEffect(paint);

  const stroke = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * w;
    const y = ((e.clientY - r.top) / r.height) * h;
    for (let yy = Math.floor(y - 2); yy <= y + 2; yy++) {
      for (let xx = Math.floor(x - 2); xx <= x + 2; xx++) {
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
        const d = Math.hypot(xx + 0.5 - x, yy + 0.5 - y);
        const ink = Math.max(0, 1 - d / 1.8);
        pixels.current[yy * w + xx] = Math.min(1, pixels.current[yy * w + xx] + ink);
      }
    }
    paint();
  };

  const run = () => {
    pending.current = nextRequest++;
    // Grey strokes go to every channel of a colour network.
    const values = Array.from({ length: h * w * c }, (_, i) => pixels.current[Math.floor(i / c)]);
    send({ type: 'predict', requestId: pending.current, pixels: values });
  };

  if (h === 0) return null;
  const best = prediction ? prediction.probabilities.indexOf(Math.max(...prediction.probabilities)) : -1;
  const maps = prediction?.activations[Math.min(layer, (prediction?.activations.length ?? 1) - 1)];
  return (
    <div className="picture-block" data-testid="draw-pad">
      <h4>Draw an input and see what the network says</h4>
      <div className="draw-row">
        <div>
          <canvas
            ref={canvas}
            className="pad"
            width={w * SCALE}
            height={h * SCALE}
            onPointerDown={(e) => {
              drawing.current = true;
              e.currentTarget.setPointerCapture(e.pointerId);
              stroke(e);
            }}
            onPointerMove={stroke}
            onPointerUp={() => {
              drawing.current = false;
              run();
            }}
          />
          <div>
            <button type="button" onClick={run}>
              Predict
            </button>
            <button
              type="button"
              onClick={() => {
                pixels.current.fill(0);
                paint();
                setPrediction(null);
              }}
            >
              Clear
            </button>
          </div>
        </div>
        {prediction && (
          <div className="probabilities" data-testid="class-probabilities">
            {prediction.probabilities.map((p, i) => (
              <div key={i} className={`probability${i === best ? ' best' : ''}`}>
                <span className="class-name">{prediction.classNames[i]}</span>
                <span className="bar">
                  <span className="bar-fill" style={{ width: `${(p * 100).toFixed(1)}%` }} />
                </span>
                <span className="num">{(p * 100).toFixed(1)}%</span>
              </div>
            ))}
          </div>
        )}
      </div>
      {error && <div className="error-line">{error}</div>}
      {maps && prediction && (
        <div className="activations" data-testid="activation-maps">
          <label>
            activation maps of{' '}
            <select value={layer} onChange={(e) => setLayer(Number(e.target.value))}>
              {prediction.activations.map((a, i) => (
                <option key={a.node} value={i}>
                  {a.node} ({a.height}×{a.width}×{a.maps.length})
                </option>
              ))}
            </select>
          </label>
          <div className="bitmaps">
            {maps.maps.map((m, i) => (
              <Bitmap key={i} values={m} width={maps.width} height={maps.height} channels={1} scale={Math.max(2, Math.floor(48 / maps.width))} title={`${maps.node} channel ${i}`} />
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
