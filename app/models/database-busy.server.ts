// SQLite has one writer at a time. Within the process, transactions take turns on the one connection
// (app/db.server.ts); a write that meets another process's (a separate worker, `kizuna import`) waits
// up to busy_timeout (app/sqlite-pragmas.ts) and then fails with SQLITE_BUSY. Short waits that leave
// the event loop free, and another try, absorb those collisions.
const WAITS_MS = [20, 50, 100, 200, 400, 800];
const BUSY = /database is locked|SQLITE_BUSY/i;

// Prisma reports a busy database as P1008 ("Operation has timed out") and keeps the driver's error,
// with SQLite's own message, under meta.driverAdapterError.
function underlying(error: Error): unknown {
  return (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError ?? error.cause;
}

export function isDatabaseBusy(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = underlying(current)) {
    const original = (current.cause as { originalMessage?: unknown } | undefined)?.originalMessage;
    if (BUSY.test(current.message) || (typeof original === "string" && BUSY.test(original))) return true;
  }
  return false;
}

/** Runs `write` again while the database is busy, for about 1.5 s in all; other errors pass through. */
export async function retryWhileDatabaseBusy<T>(write: () => Promise<T>): Promise<T> {
  for (const waitMs of WAITS_MS) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
  return write();
}
