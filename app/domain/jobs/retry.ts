// When a failed job runs again: exponential back-off from 5 s, capped at one hour, so a throttled
// Admin API or a down SMTP server is retried quickly at first and then without hammering it.
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 60 * 60 * 1000;

/** Delay before attempt `attempts + 1`, given that `attempts` (>= 1) have failed. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

/** The instant of the next attempt, or null once the job has used all its attempts. */
export function nextAttemptAt(failedAt: Date, attempts: number, maxAttempts: number): Date | null {
  if (attempts >= maxAttempts) return null;
  return new Date(failedAt.getTime() + retryDelayMs(attempts));
}
