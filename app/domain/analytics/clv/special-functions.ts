// ln Γ(x) by the Lanczos approximation (g = 7, n = 9; about 15 significant digits), and a stable
// log(e^u + e^v): the log-space building blocks of the BG/NBD and Gamma-Gamma likelihoods.
import { LOG_GAMMA_DOMAIN, assertAnalytics } from "../errors.ts";

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028,
  771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export function lnGamma(x: number): number {
  assertAnalytics(x > 0 && Number.isFinite(x), LOG_GAMMA_DOMAIN);
  // The approximation loses accuracy below 1/2; the reflection Γ(x)Γ(1-x) = π / sin(πx) restores it.
  if (x < 0.5)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let index = 1; index < LANCZOS_COEFFICIENTS.length; index += 1) {
    series += (LANCZOS_COEFFICIENTS[index] as number) / (shifted + index);
  }
  const base = shifted + LANCZOS_G + 0.5;
  return (
    HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(base) - base + Math.log(series)
  );
}

export function logAddExp(left: number, right: number): number {
  const larger = left > right ? left : right;
  if (larger === -Infinity) return -Infinity;
  return larger + Math.log1p(Math.exp(-Math.abs(left - right)));
}
