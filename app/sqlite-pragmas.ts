// Per-connection SQLite settings, applied by app/db.server.ts to its connection and by the webhook
// benchmark's baseline, so both run SQLite alike.
//
// synchronous = NORMAL: in WAL mode a commit is not synced until the next checkpoint (docs/decisions/012).
// busy_timeout: how long a write waits for another process's (a separate worker, `kizuna import`) to
// finish before failing with SQLITE_BUSY. node:sqlite waits inside the call, with the event loop
// stopped, so the wait is kept short: long enough for another process's transaction (tens to a few
// hundred milliseconds), after which callers retry with the loop free (app/models/database-busy.server.ts).
// Within the process writes never wait on each other this way (docs/decisions/013).
export const SQLITE_CONNECTION_PRAGMAS: readonly string[] = ["PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 1000"];
