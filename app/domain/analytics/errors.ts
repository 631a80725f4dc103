// Invariant messages of the analytics core (style.md §7.9): a broken precondition throws one of these
// constants, so failures are greppable and never carry customer data. Expected outcomes are values.
export const INVALID_CALENDAR_DATE =
  "A shop-local date must be a real calendar date written YYYY-MM-DD.";
export const UNSAFE_PURCHASE_AMOUNT =
  "A purchase amount must be a safe integer of minor units.";
export const NON_MONOTONIC_CUT_POINTS =
  "Fixed RFM cut points must be finite and ordered from score 2 to score 5.";
export const LOG_GAMMA_DOMAIN =
  "lnGamma is defined here for positive finite arguments only.";
export const HYPERGEOMETRIC_DOMAIN =
  "2F1 is evaluated here for 0 <= z < 1 and c other than 0, -1, -2, … only.";
export const HYPERGEOMETRIC_NOT_CONVERGED =
  "The 2F1 series did not converge within its iteration budget.";
export const INVALID_MODEL_INPUT =
  "Model inputs must be finite, with 0 <= time to last purchase <= time observed.";
export const INVALID_HORIZON =
  "A prediction horizon and its period must be positive and finite.";
export const INVALID_TIME_ZONE =
  "A shop time zone must be an IANA zone name the runtime knows.";

export type AnalyticsInvariantMessage =
  | typeof INVALID_CALENDAR_DATE
  | typeof UNSAFE_PURCHASE_AMOUNT
  | typeof NON_MONOTONIC_CUT_POINTS
  | typeof LOG_GAMMA_DOMAIN
  | typeof HYPERGEOMETRIC_DOMAIN
  | typeof HYPERGEOMETRIC_NOT_CONVERGED
  | typeof INVALID_MODEL_INPUT
  | typeof INVALID_HORIZON
  | typeof INVALID_TIME_ZONE;

export function assertAnalytics(
  condition: unknown,
  message: AnalyticsInvariantMessage,
): asserts condition {
  if (!condition) throw new Error(message);
}
