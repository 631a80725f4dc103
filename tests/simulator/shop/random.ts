// Seeded randomness for the simulated shop: mulberry32 plus the distributions the generator draws from.
// Pure and reproducible: the same seed yields the same sequence on every platform (32-bit integer math only).

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  integer(min: number, max: number): number;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T;
  /** An element chosen with the given relative weights (same length as items). */
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** exp(N(mu, sigma²)). */
  logNormal(mu: number, sigma: number): number;
  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number;
  /** Gamma with shape k and scale θ (Marsaglia–Tsang; shape < 1 by the boosting trick). */
  gamma(shape: number, scale: number): number;
  /** Beta(a, b) from two gammas. */
  beta(a: number, b: number): number;
}

/** mulberry32: a 32-bit state PRNG, fast and good enough for synthetic data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  let spareNormal: number | null = null;

  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  function normal(): number {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    const u = 1 - next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  function gamma(shape: number, scale: number): number {
    if (shape < 1)
      return gamma(shape + 1, scale) * Math.pow(1 - next(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - next();
      if (
        u < 1 - 0.0331 * x * x * x * x ||
        Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))
      )
        return d * v * scale;
    }
  }

  return {
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
      let total = 0;
      for (const weight of weights) total += weight;
      let remaining = next() * total;
      for (let index = 0; index < items.length; index++) {
        remaining -= weights[index] ?? 0;
        if (remaining < 0) return items[index] as T;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new Error("pick from an empty list");
      return last;
    },
    normal,
    logNormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
    exponential: (rate) => -Math.log(1 - next()) / rate,
    gamma,
    beta(a, b) {
      const x = gamma(a, 1);
      return x / (x + gamma(b, 1));
    },
  };
}
