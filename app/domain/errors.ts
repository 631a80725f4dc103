// Invariant messages of the pure core: every assert() names one of these constants, so a broken
// invariant is greppable and never carries customer data (style.md §7.9, after dinero's messages).
export const CURRENCY_MISMATCH = "Money amounts must share one currency.";
export const UNSAFE_MINOR_AMOUNT =
  "A minor-unit amount must be a safe integer.";
export const ORDER_GID_MISMATCH =
  "Events of different orders cannot be merged.";
export const REFUND_ORDER_MISMATCH =
  "A refund can only be applied to its own order.";
export const JSON_SOURCE_UNSUPPORTED =
  "JSON.parse must pass the source text to revivers (Node 22+).";
export const CSV_PARSER_ENDED = "A CSV parser cannot be fed after end().";
export const UNKNOWN_CURRENCY_CODE =
  "A currency must be a three-letter ISO 4217 code.";

export type InvariantMessage =
  | typeof CURRENCY_MISMATCH
  | typeof UNSAFE_MINOR_AMOUNT
  | typeof ORDER_GID_MISMATCH
  | typeof REFUND_ORDER_MISMATCH
  | typeof JSON_SOURCE_UNSUPPORTED
  | typeof CSV_PARSER_ENDED
  | typeof UNKNOWN_CURRENCY_CODE;
