// Per-connection SQLite settings (docs/decisions/012), applied by app/db.server.ts to every
// connection the driver opens and by the webhook benchmark's baseline, so both run SQLite alike.
export const SQLITE_CONNECTION_PRAGMAS: readonly string[] = ["PRAGMA synchronous = NORMAL"];
