// How long the in-process job worker rests after a job (docs/decisions/012): jobs run in the event
// loop's spare time and get at least a twentieth of it. The HTTP side (webhooks, whose sender waits
// 5 s at most, and admin pages) comes first and is left a fifth more than it used; a job can wait.
const MIN_JOB_SHARE = 0.05;
const HTTP_HEADROOM = 1.2;

/** The share of the event loop jobs may take, given the share the HTTP side used (0..1). */
export function jobShareBeside(httpShare: number): number {
  return Math.max(MIN_JOB_SHARE, Math.min(1, 1 - HTTP_HEADROOM * httpShare));
}

/** The rest after a job of `jobMs` that keeps jobs at `jobShare` of the time. */
export function restAfterJobMs(jobMs: number, jobShare: number): number {
  return (jobMs * (1 - jobShare)) / jobShare;
}
