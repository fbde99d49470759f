/** A small uPlot line chart (x = training step) that updates in place as points arrive. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  readonly label: string;
  readonly className: string;
  readonly values: readonly (number | null)[];
  /** Points only (epoch markers), no line. */
  readonly points?: boolean;
  /** A CSS colour for the line (default: the theme's --chart-i by position). */
  readonly colour?: string;
}

interface LineChartProps {
  readonly testId: string;
  readonly title: string;
  readonly x: readonly number[];
  readonly series: readonly Series[];
  /** The x axis's name in the legend (default "step"). */
  readonly xLabel?: string;
  /** A logarithmic y axis (base 10): for quantities spanning orders of magnitude, such as gradient norms. */
  readonly logY?: boolean;
}

/** Series colours come from the theme via CSS custom properties on the chart element. */
function colour(el: HTMLElement, name: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || '#888';
}

export function LineChart({ testId, title, x, series, xLabel = 'step', logY = false }: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const key = series.map((s) => s.label).join('|');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      title,
      width: Math.max(240, el.clientWidth),
      height: 180,
      scales: { x: { time: false }, ...(logY ? { y: { distr: 3, log: 10 } } : {}) },
      axes: [
        { stroke: colour(el, '--chart-axis'), grid: { stroke: colour(el, '--chart-grid') } },
        {
          stroke: colour(el, '--chart-axis'),
          grid: { stroke: colour(el, '--chart-grid') },
          // uPlot's default labels round 1e-6 to "0"; on a log axis each tick is a power of ten.
          ...(logY ? { values: (_: uPlot, ticks: (number | null)[]) => ticks.map((t) => (t === null ? '' : t >= 0.01 && t <= 1000 ? String(t) : t.toExponential(0))) } : {}),
        },
      ],
      series: [
        { label: xLabel },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: s.colour ?? colour(el, `--chart-${i}`),
          width: s.className === 'past' ? 1 : 1.5,
          ...(s.className === 'past' ? { dash: [4, 4] } : {}),
          spanGaps: true,
          points: { show: !!s.points, size: 6 },
          ...(s.points ? { paths: () => null } : {}),
        })),
      ],
    };
    plot.current = new uPlot(opts, [[], ...series.map(() => [])] as unknown as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(240, el.clientWidth), height: 180 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The chart is rebuilt only when its series change; data updates go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, title, xLabel, logY]);

  useEffect(() => {
    plot.current?.setData([x as number[], ...series.map((s) => s.values as (number | null)[])] as uPlot.AlignedData);
  }, [x, series]);

  return <div className="chart" data-testid={testId} data-points={x.length} ref={box} />;
}
