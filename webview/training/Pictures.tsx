/**
 * What the network learned, as pictures: the confusion matrix as a heat map, the first conv layer's filters,
 * and activation maps. Images are drawn on <canvas> (no inline styles or data URLs needed under the CSP).
 */
import { useEffect, useRef } from 'react';
import type { FilterImages, Misclassified } from '../../extension/protocol';

/** Draws 0–255 values (1 channel grey, 3 channels RGB, else the first channel) scaled up to `scale` px per pixel. */
export function Bitmap({ values, width, height, channels, scale, title }: { values: readonly number[]; width: number; height: number; channels: number; scale: number; title?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const image = ctx.createImageData(width, height);
    for (let i = 0; i < width * height; i++) {
      const rgb = channels === 3 ? [values[i * 3], values[i * 3 + 1], values[i * 3 + 2]] : [values[i * channels], values[i * channels], values[i * channels]];
      image.data.set([...rgb, 255], i * 4);
    }
    const small = document.createElement('canvas');
    small.width = width;
    small.height = height;
    small.getContext('2d')!.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(small, 0, 0, width * scale, height * scale);
  }, [values, width, height, channels, scale]);
  return <canvas ref={ref} className="bitmap" width={width * scale} height={height * scale} title={title} />;
}

export function FilterGrid({ filters }: { filters: FilterImages }) {
  const scale = Math.max(3, Math.floor(40 / Math.max(filters.width, filters.height)));
  return (
    <div className="picture-block" data-testid="filters">
      <h4>
        Filters of {filters.node} ({filters.height}×{filters.width}×{filters.channels}, {filters.images.length} of them)
      </h4>
      <div className="bitmaps">
        {filters.images.map((img, i) => (
          <Bitmap key={i} values={img} width={filters.width} height={filters.height} channels={filters.channels === 3 ? 3 : filters.channels} scale={scale} title={`filter ${i}`} />
        ))}
      </div>
    </div>
  );
}

/** confusion[actual][predicted]; each row shaded by its share of the row (recall per class). */
export function ConfusionMatrix({ confusion, classNames }: { confusion: readonly (readonly number[])[]; classNames: readonly string[] }) {
  return (
    <div className="picture-block" data-testid="confusion-matrix">
      <h4>Confusion matrix (test split; rows = actual, columns = predicted)</h4>
      <table className="confusion">
        <thead>
          <tr>
            <th />
            {classNames.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, i) => {
            const total = row.reduce((a, b) => a + b, 0) || 1;
            return (
              <tr key={i}>
                <th>{classNames[i] ?? i}</th>
                {row.map((v, j) => (
                  <td key={j} className={i === j ? 'diagonal' : undefined} style={{ ['--share' as string]: (v / total).toFixed(3) }} title={`${classNames[i]} → ${classNames[j]}: ${v}`}>
                    {v}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function MisclassifiedGrid({ data }: { data: Misclassified }) {
  const scale = Math.max(1, Math.floor(56 / Math.max(data.width, data.height)));
  return (
    <div className="picture-block" data-testid="misclassified">
      <h4>
        Misclassified: {data.wrong} of the first {data.checked.toLocaleString('en-US')} test images
      </h4>
      <div className="bitmaps">
        {data.examples.map((e, i) => (
          <figure key={i} className="example">
            <Bitmap values={e.pixels} width={data.width} height={data.height} channels={data.channels} scale={scale} />
            <figcaption>
              {data.classNames[e.actual] ?? e.actual} → {data.classNames[e.predicted] ?? e.predicted} ({(e.confidence * 100).toFixed(0)}%)
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
