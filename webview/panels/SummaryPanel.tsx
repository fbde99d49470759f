/**
 * The Keras/torchinfo-style table (node, type, output shape, params, MACs, receptive field) with totals, and a
 * bar per layer for params and MACs so the heavy layers stand out.
 */
import { formatCount, formatPixels } from '../../engine/shape/format';
import type { GraphAnalysis } from '../../engine/shape/types';
import { paramsText, shapeText } from '../model/labels';

interface SummaryPanelProps {
  readonly analysis: GraphAnalysis;
  readonly onSelect: (id: string) => void;
}

function Bar({ value, max, kind }: { readonly value: number; readonly max: number; readonly kind: 'params' | 'macs' }) {
  const share = max > 0 ? value / max : 0;
  return (
    <span className={`bar bar-${kind}`}>
      <span className="bar-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
    </span>
  );
}

export function SummaryPanel({ analysis, onSelect }: SummaryPanelProps) {
  const rows = analysis.nodes;
  const maxParams = Math.max(0, ...rows.map((n) => n.params + n.nonTrainableParams));
  const maxMacs = Math.max(0, ...rows.map((n) => n.macs));
  const t = analysis.totals;
  return (
    <section className="summary" data-testid="summary-panel">
      <table>
        <thead>
          <tr>
            <th>Node</th>
            <th>Type</th>
            <th>Output shape</th>
            <th className="num">Params</th>
            <th className="num">MACs</th>
            <th className="num">Receptive field</th>
            <th>Params / MACs per layer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.id} onClick={() => onSelect(n.id)}>
              <td>{n.id}</td>
              <td>{n.type}</td>
              <td>{shapeText(n)}</td>
              <td className="num">{paramsText(n)}</td>
              <td className="num">{formatCount(n.macs)}</td>
              <td className="num">{n.receptiveField ? formatPixels(n.receptiveField) : '—'}</td>
              <td className="bars">
                <Bar value={n.params + n.nonTrainableParams} max={maxParams} kind="params" />
                <Bar value={n.macs} max={maxMacs} kind="macs" />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>
              Total ({formatCount(t.trainableParams)} trainable, {formatCount(t.nonTrainableParams)} non-trainable)
            </td>
            <td className="num" data-testid="summary-total-params">
              {formatCount(t.totalParams)}
            </td>
            <td className="num" data-testid="summary-total-macs">
              {formatCount(t.totalMacs)}
            </td>
            <td />
            <td className="legend">
              <span className="bar-key bar-params" /> params <span className="bar-key bar-macs" /> MACs
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
