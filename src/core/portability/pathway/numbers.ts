/** @module portability/pathway/numbers — the arithmetic of credit totals (sums, two-decimal rounding for reports). */

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

export function round(n: number): number {
  return Math.round(n * 100) / 100
}
