// Gaussian hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1, as needed by the BG/NBD
// expectations (Fader, Hardie & Lee 2005, eq. 9-10). Evaluated as a power series in log space with
// its sign kept apart (c = a + b − 1 < 0 can make it negative); Euler's transformation
// 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) is used when a + b > c, where the direct terms
// grow with the large a, b of frequent buyers and would overflow.
import {
  HYPERGEOMETRIC_DOMAIN,
  HYPERGEOMETRIC_NOT_CONVERGED,
  assertAnalytics,
} from "../errors.ts";

const MAX_TERMS = 2_000_000;
const RELATIVE_TOLERANCE = 1e-16;
const RESCALE_ABOVE = 1e250;
const LOG_RESCALE = Math.log(RESCALE_ABOVE);

/** A real number as its sign and the log of its magnitude, so huge values stay representable. */
export type SignedLog = { readonly sign: -1 | 0 | 1; readonly logAbs: number };

function sumSeries(a: number, b: number, c: number, z: number): SignedLog {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  const tailFactor = 1 / (1 - z);
  for (let n = 0; n < MAX_TERMS; n += 1) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (Math.abs(sum) > RESCALE_ABOVE) {
      sum /= RESCALE_ABOVE;
      term /= RESCALE_ABOVE;
      logScale += LOG_RESCALE;
    }
    // Past n = −c every ratio keeps its sign, and once below 1 in size the tail is bounded by a
    // geometric series in at most z.
    const settled = c + n > 0 && Math.abs(ratio) < 1;
    if (
      term === 0 ||
      (settled &&
        Math.abs(term) * tailFactor <= RELATIVE_TOLERANCE * Math.abs(sum))
    ) {
      return {
        sign: Math.sign(sum) as -1 | 0 | 1,
        logAbs: logScale + Math.log(Math.abs(sum)),
      };
    }
  }
  throw new Error(HYPERGEOMETRIC_NOT_CONVERGED);
}

/** 2F1(a, b; c; z) as sign and log-magnitude, for 0 <= z < 1 and c not 0, −1, −2, … */
export function evaluateHypergeometric2F1(
  a: number,
  b: number,
  c: number,
  z: number,
): SignedLog {
  const isPole = c <= 0 && Number.isInteger(c);
  assertAnalytics(
    z >= 0 &&
      z < 1 &&
      !isPole &&
      Number.isFinite(a) &&
      Number.isFinite(b) &&
      Number.isFinite(c),
    HYPERGEOMETRIC_DOMAIN,
  );
  if (z === 0) return { sign: 1, logAbs: 0 };
  if (a + b <= c) return sumSeries(a, b, c, z);
  const transformed = sumSeries(c - a, c - b, c, z);
  return {
    sign: transformed.sign,
    logAbs: (c - a - b) * Math.log1p(-z) + transformed.logAbs,
  };
}

export function hypergeometric2F1(
  a: number,
  b: number,
  c: number,
  z: number,
): number {
  const { sign, logAbs } = evaluateHypergeometric2F1(a, b, c, z);
  return sign * Math.exp(logAbs);
}
