/**
 * A small drawing canvas the size of the network's input (a digit, for MNIST-style networks), drawn with a soft
 * brush and scaled up on screen. Each finished stroke hands the grey pixels (0–1, row after row) to `onDrawn`.
 */
import { useEffect, useRef } from 'react';

const SCALE = 8;

export function DrawPad({ width: w, height: h, onDrawn }: { width: number; height: number; onDrawn: (pixels: number[]) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pixels = useRef<Float32Array>(new Float32Array(h * w));
  const drawing = useRef(false);

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

  return (
    <div className="draw-pad">
      <canvas
        ref={canvas}
        className="pad"
        width={w * SCALE}
        height={h * SCALE}
        title="draw here"
        onPointerDown={(e) => {
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          stroke(e);
        }}
        onPointerMove={stroke}
        onPointerUp={() => {
          drawing.current = false;
          onDrawn(Array.from(pixels.current));
        }}
      />
      <div>
        <button type="button" onClick={() => onDrawn(Array.from(pixels.current))}>
          Predict drawing
        </button>
        <button
          type="button"
          onClick={() => {
            pixels.current.fill(0);
            paint();
          }}
        >
          Clear
        </button>
      </div>
    </div>
  );
}
