import { PrismaClient, type Prisma } from "@prisma/client";
import { baseEnv } from "./base-env.server.ts";
import { PrismaNodeSqlite } from "./db/prisma-sqlite-adapter.server.ts";
import { SqliteConnection, sqlitePathOf, type SqlRow, type SqlStatement } from "./db/sqlite-connection.server.ts";
import { SQLITE_CONNECTION_PRAGMAS } from "./sqlite-pragmas.ts";
import type { SQLInputValue } from "node:sqlite";

// One SQLite connection serves Prisma and the webhook inbox's group commit (docs/decisions/012, 013).
// Whoever runs a transaction holds it; everything else waits its turn, so within this process two
// writes never meet.

export type { SqlRow, SqlStatement };
export type { SQLInputValue as SqlValue } from "node:sqlite";
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

/**
 * Runs one statement with bound arguments straight on the connection, in the Prisma transaction
 * `_transaction`, which holds the connection while its callback runs: for the statements of a bulk
 * write, whose thousands of arguments Prisma's query compiler takes longer over than SQLite does to
 * write the rows (docs/decisions/016). Answers the rows changed. Numbers bind as REAL; a column's
 * INTEGER affinity stores a whole one as an integer.
 */
export function executeInTransaction(_transaction: Prisma.TransactionClient, sql: string, args: readonly SQLInputValue[]): number {
  if (!database.connection.inTransaction) throw new Error("executeInTransaction runs only inside a transaction");
  return database.connection.execute(sql, args).changes;
}
