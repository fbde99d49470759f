/** Numbers and shapes in comments, as wiregrad's summary writes them. */

/** 61706 → "61,706". */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** [28, 28, 6] → "28×28×6"; [10] → "10". */
export function describeShapeHWC(shape: readonly number[]): string {
  return shape.join('×');
}
