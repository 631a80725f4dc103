// Waiting out the Admin API's limits (shopify-platform.md §9.1, §3.4). A THROTTLED answer reports
// the leaky bucket: the query runs once the bucket refills to its requested cost, at restoreRate
// points per second. Server errors and dropped connections are retried after a growing pause.

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

/**
 * Milliseconds until a query of `requestedQueryCost` fits in the bucket: ceil((requested −
 * currentlyAvailable) / restoreRate) seconds, at least one. Null when it can never fit: the bucket
 * is smaller than the query or does not refill.
 */
export function throttleWaitMs(requestedQueryCost: number, status: ThrottleStatus): number | null {
  if (requestedQueryCost > status.maximumAvailable || status.restoreRate <= 0) return null;
  const missing = requestedQueryCost - status.currentlyAvailable;
  return Math.max(1, Math.ceil(missing / status.restoreRate)) * 1000;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 8000;

/** Pause before retry `attempt` (1, 2, …) after a 5xx or a network error: 0.5 s doubling to 8 s. */
export function serverErrorRetryMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
}

/**
 * Milliseconds to wait before a call of `nextCost` points so that it finds them in the bucket, with
 * `reserve` points left over for other work (a backfill, a page), instead of coming back THROTTLED.
 * 0 when the bucket already holds them; never more than refilling the whole bucket takes.
 */
export function pauseBeforeCallMs(nextCost: number, status: ThrottleStatus, reserve = 0): number {
  const wanted = Math.min(nextCost + reserve, status.maximumAvailable);
  if (status.currentlyAvailable >= wanted || status.restoreRate <= 0) return 0;
  return Math.ceil(((wanted - status.currentlyAvailable) / status.restoreRate) * 1000);
}
