/** A value or gradient as the lab shows it: a number, or a small table for a vector (one row) or a matrix. */
import { formatNumber } from '../../engine/expression/format';
import type { Tensor } from '../../engine/expression/tensor';

export function ValueView({ value, className, testId }: { readonly value: Tensor; readonly className?: string; readonly testId?: string }) {
  const title = Array.from(value.data).join(', ');
  if (value.shape.length === 0) {
    return (
      <span className={`value-number ${className ?? ''}`} data-testid={testId} title={title}>
        {formatNumber(value.data[0]).replace('-', '−')}
      </span>
    );
  }
  const [rows, cols] = value.shape.length === 1 ? [1, value.shape[0]] : value.shape;
  return (
    <table className={`value-table ${className ?? ''}`} data-testid={testId} title={title}>
      <tbody>
        {Array.from({ length: rows }, (_, r) => (
          <tr key={r}>
            {Array.from({ length: cols }, (_, c) => (
              <td key={c}>{formatNumber(value.data[r * cols + c]).replace('-', '−')}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
