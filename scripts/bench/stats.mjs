// Small statistics for benchmark samples: no dependencies, exact on sorted copies.

/**
 * The p-th percentile (0–100) by nearest rank, or NaN for no samples.
 * @param {readonly number[]} samples
 * @param {number} p
 * @returns {number}
 */
export function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/**
 * The median: the mean of the two middle samples for an even count, or NaN for no samples.
 * @param {readonly number[]} samples
 * @returns {number}
 */
export function median(samples) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  // Indices are in range (the array is not empty); `?? NaN` only satisfies the index type.
  const at = (/** @type {number} */ i) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/**
 * Rounds for display and JSON: three significant decimals are plenty for timings in ms.
 * @param {number} value
 * @returns {number}
 */
export function round3(value) {
  return Math.round(value * 1000) / 1000;
}
