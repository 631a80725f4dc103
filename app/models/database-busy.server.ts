// SQLite has one writer at a time, and the libsql client opens each transaction on a connection of
// its own without a busy timeout, so a write that meets another (the in-process job worker, a second
// webhook) fails at once with SQLITE_BUSY. Short waits and another try absorb those collisions.
const WAITS_MS = [20, 50, 100, 200, 400, 800];

export function isDatabaseBusy(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (/database is locked|SQLITE_BUSY/i.test(current.message)) return true;
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
