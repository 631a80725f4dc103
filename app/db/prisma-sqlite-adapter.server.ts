// A Prisma driver adapter over node:sqlite (docs/decisions/013), in place of @prisma/adapter-libsql,
// whose driver leaks native memory on every statement and a whole connection on every transaction.
// All queries go through one SqliteConnection; a transaction holds it from BEGIN to COMMIT/ROLLBACK.
import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type MappedError,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import type { SqliteConnection } from "./sqlite-connection.server.ts";
import { resultColumnTypes, toResultRow, toSqliteArgument } from "./sqlite-values.server.ts";

const ADAPTER_NAME = "kizuna-node-sqlite";

// SQLITE_MAX_VARIABLE_NUMBER as Node's bundled SQLite is built (the default since SQLite 3.32):
// Prisma splits longer lists of parameters over several statements.
const MAX_BIND_VALUES = 32_766;

// Primary and extended result codes, sqlite.org/rescode.html.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CONSTRAINT_FOREIGNKEY = 787;
const SQLITE_CONSTRAINT_NOTNULL = 1299;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

type SqliteError = Error & { code: string; errcode?: number };

function isNodeError(error: unknown): error is SqliteError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string";
}

// "UNIQUE constraint failed: Shop.domain, Shop.name" names table.column pairs; an index on
// expressions is named instead ("… failed: index 'name'").
function constraintOf(message: string): { fields: string[] } | { index: string } | undefined {
  const failed = message.split("constraint failed: ")[1];
  if (failed === undefined) return undefined;
  const index = /^index '(.+)'$/.exec(failed);
  if (index) return { index: index[1]! };
  return { fields: failed.split(", ").map((field) => field.slice(field.lastIndexOf(".") + 1)) };
}

function mappedError(error: SqliteError): MappedError {
  const code = error.errcode ?? 1;
  const message = error.message;
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return { kind: "UniqueConstraintViolation", constraint: constraintOf(message) };
    case SQLITE_CONSTRAINT_NOTNULL:
      return { kind: "NullConstraintViolation", constraint: constraintOf(message) };
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return { kind: "ForeignKeyConstraintViolation", constraint: { foreignKey: {} } };
  }
  // Prisma's own SQLite engine reports a busy or locked database as a timeout (P1008).
  if ((code & 0xff) === SQLITE_BUSY || (code & 0xff) === SQLITE_LOCKED) return { kind: "SocketTimeout" };
  if (message.startsWith("no such table: ")) return { kind: "TableDoesNotExist", table: message.slice("no such table: ".length) };
  if (message.startsWith("no such column: ")) return { kind: "ColumnNotFound", column: message.slice("no such column: ".length) };
  if (message.includes(" has no column named ")) return { kind: "ColumnNotFound", column: message.split(" has no column named ")[1] };
  return { kind: "sqlite", extendedCode: code, message };
}

/** node:sqlite's errors as Prisma's kinds, with SQLite's code and message kept; any other error as is. */
export function toDriverError(error: unknown): unknown {
  if (!isNodeError(error)) return error;
  if (error.code === "ERR_SQLITE_ERROR") {
    return new DriverAdapterError({ ...mappedError(error), originalCode: String(error.errcode), originalMessage: error.message });
  }
  // An integer beyond 2^53 in a column read as a number (a 32-bit one by its declaration).
  if (error.code === "ERR_OUT_OF_RANGE") return new DriverAdapterError({ kind: "ValueOutOfRange", cause: error.message });
  if (error.code === "ERR_INVALID_STATE") return new DriverAdapterError({ kind: "ConnectionClosed" });
  return error;
}

function translatingErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toDriverError(error);
  }
}

function runQuery(connection: SqliteConnection, query: SqlQuery): SqlResultSet {
  const args = query.args.map((arg, index) => toSqliteArgument(arg, query.argTypes[index]));
  const { prepared, rows, lastInsertRowid } = connection.execute(query.sql, args);
  const columnTypes = resultColumnTypes(prepared.declaredTypes, rows, prepared.readsBigInts);
  return {
    columnNames: [...prepared.columnNames],
    columnTypes,
    rows: rows.map((row) => toResultRow(row, columnTypes)),
    ...(lastInsertRowid === null ? {} : { lastInsertId: String(lastInsertRowid) }),
  };
}

function runStatement(connection: SqliteConnection, query: SqlQuery): number {
  const args = query.args.map((arg, index) => toSqliteArgument(arg, query.argTypes[index]));
  return connection.execute(query.sql, args).changes;
}

class NodeSqliteTransaction implements Transaction {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;
  // The adapter began the transaction, so the adapter ends it: Prisma calls commit() or rollback()
  // instead of sending COMMIT through executeRaw and then commit(), which would leave the connection
  // held for good if that COMMIT failed.
  readonly options: TransactionOptions = { usePhantomQuery: true };
  readonly #connection: SqliteConnection;
  #release: (() => void) | null;

  constructor(connection: SqliteConnection, release: () => void) {
    this.#connection = connection;
    this.#release = release;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    this.#assertOpen();
    return translatingErrors(() => runQuery(this.#connection, query));
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    this.#assertOpen();
    return translatingErrors(() => runStatement(this.#connection, query));
  }

  async commit(): Promise<void> {
    const release = this.#end();
    try {
      translatingErrors(() => this.#connection.exec("COMMIT"));
    } catch (error) {
      // A failed COMMIT (a deferred constraint, a busy database) leaves the transaction open.
      this.#connection.rollbackIfInTransaction();
      throw error;
    } finally {
      release();
    }
  }

  async rollback(): Promise<void> {
    if (this.#release === null) return;
    const release = this.#end();
    try {
      // SQLite has rolled back by itself after some errors (SQLITE_FULL, SQLITE_IOERR, …).
      translatingErrors(() => this.#connection.rollbackIfInTransaction());
    } finally {
      release();
    }
  }

  #assertOpen(): void {
    if (this.#release === null) throw new DriverAdapterError({ kind: "TransactionAlreadyClosed", cause: "The transaction has already ended." });
  }

  #end(): () => void {
    this.#assertOpen();
    const release = this.#release!;
    this.#release = null;
    return release;
  }
}

class NodeSqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;
  readonly #connection: SqliteConnection;

  constructor(connection: SqliteConnection) {
    this.#connection = connection;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#connection.whenFree(() => translatingErrors(() => runQuery(this.#connection, query)));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#connection.whenFree(() => translatingErrors(() => runStatement(this.#connection, query)));
  }

  executeScript(script: string): Promise<void> {
    return this.#connection.whenFree(() => translatingErrors(() => this.#connection.executeScript(script)));
  }

  /**
   * BEGIN IMMEDIATE: the transaction takes SQLite's write lock at once, waiting up to busy_timeout
   * while another process writes. A deferred transaction that reads and then writes would have to
   * upgrade its lock mid-way, and in WAL mode that fails at once with SQLITE_BUSY if another
   * process has committed since its first read; busy_timeout cannot help it. Within this process
   * transactions take turns on the connection anyway, so IMMEDIATE costs nothing here.
   */
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // A SQLite transaction is serializable, and nothing weaker can be asked for.
    if (isolationLevel !== undefined && isolationLevel !== "SERIALIZABLE") {
      throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    }
    const release = await this.#connection.hold();
    try {
      translatingErrors(() => this.#connection.exec("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    return new NodeSqliteTransaction(this.#connection, release);
  }

  getConnectionInfo(): ConnectionInfo {
    return { maxBindValues: MAX_BIND_VALUES, supportsRelationJoins: false };
  }

  dispose(): Promise<void> {
    return this.#connection.close();
  }
}

/** Prisma's adapter factory over the given connection: `new PrismaClient({ adapter: new PrismaNodeSqlite(connection) })`. */
export class PrismaNodeSqlite implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;
  readonly #connection: SqliteConnection;

  constructor(connection: SqliteConnection) {
    this.#connection = connection;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return new NodeSqliteAdapter(this.#connection);
  }
}
