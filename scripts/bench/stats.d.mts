/** The p-th percentile (0–100) by nearest rank, or NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number;
/** The median, or NaN for no samples. */
export function median(samples: readonly number[]): number;
/** Rounds to three decimals. */
export function round3(value: number): number;
