// Invariant checks for programmer errors (style.md §7.9): expected outcomes are returned as values,
// a broken invariant throws with one of the constant messages from errors.ts.
import type { InvariantMessage } from "./errors.ts";

export function assert(
  condition: unknown,
  message: InvariantMessage,
): asserts condition {
  if (!condition) throw new Error(message);
}
