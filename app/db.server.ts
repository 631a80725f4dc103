import { PrismaClient } from "@prisma/client";
import { baseEnv } from "./base-env.server.ts";
import { PrismaNodeSqlite } from "./db/prisma-sqlite-adapter.server.ts";
import { SqliteConnection, sqlitePathOf, type SqlRow, type SqlStatement } from "./db/sqlite-connection.server.ts";
import { SQLITE_CONNECTION_PRAGMAS } from "./sqlite-pragmas.ts";

// One SQLite connection serves Prisma and the webhook inbox's group commit (docs/decisions/012, 013).
// Whoever runs a transaction holds it; everything else waits its turn, so within this process two
// writes never meet.

export type { SqlRow, SqlStatement };
export { storedInstant } from "./db/sqlite-values.server.ts";

type Database = { prisma: PrismaClient; connection: SqliteConnection };

declare global {
  var kizunaDatabase: Database | undefined;
}

function openDatabase(): Database {
  const connection = new SqliteConnection(sqlitePathOf(baseEnv.DATABASE_URL), SQLITE_CONNECTION_PRAGMAS);
  return { prisma: new PrismaClient({ adapter: new PrismaNodeSqlite(connection) }), connection };
}

// Vite's dev server re-imports modules on change; keeping one connection avoids opening more.
const database: Database = globalThis.kizunaDatabase ?? openDatabase();
globalThis.kizunaDatabase = database;

export const prisma: PrismaClient = database.prisma;

/**
 * Runs the statements as one write transaction (BEGIN IMMEDIATE … COMMIT) without yielding, once no
 * Prisma transaction holds the connection, and answers each statement's rows. SQLITE_BUSY from
 * another process passes through to the caller.
 */
export function writeBatch(statements: readonly SqlStatement[]): Promise<SqlRow[][]> {
  return database.connection.writeBatch(statements);
}
