/** A seeded source of randomness, so every run (jitter, fuzz schedules) can be reproduced. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32: small, fast and good enough for jitter and fuzz schedules (not for secrets). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
