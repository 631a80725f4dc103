// The process's one SQLite connection, through Node's built-in node:sqlite (docs/decisions/013). Prisma's
// adapter (prisma-sqlite-adapter.server.ts) and the webhook inbox's group commit (writeBatch) share it.
//
// node:sqlite runs every statement synchronously, so a statement never interleaves with another. A
// transaction spans turns of the event loop, though, and on one connection everything run meanwhile
// would join it: whoever holds the transaction holds the connection (`hold`), and everyone else waits
// for it (`whenFree`), first come first served.
import { fileURLToPath } from "node:url";
import type * as NodeSqlite from "node:sqlite";
import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from "node:sqlite";
import type { ColumnType } from "@prisma/driver-adapter-utils";
import { columnTypeOfDeclared, needsBigInts } from "./sqlite-values.server.ts";

// Enough for every statement the app runs in steady state; the rest (IN lists of every length, group
// commits of every size) are prepared again when they come back.
const STATEMENT_CACHE_SIZE = 256;

/** A statement prepared once and run again with new arguments. */
export type PreparedStatement = {
  readonly columnNames: readonly string[];
  /** Prisma's column type for each declared column type, null where the values must decide. */
  readonly declaredTypes: readonly (ColumnType | null)[];
  readonly readsBigInts: boolean;
  readonly statement: StatementSync;
};

export type Execution = {
  readonly prepared: PreparedStatement;
  /** Rows as arrays, in column order: SQL may name two columns alike. */
  readonly rows: SQLOutputValue[][];
  /** Rows inserted, updated or deleted: for a statement with RETURNING, the rows it returned. */
  readonly changes: number;
  readonly lastInsertRowid: number | bigint | null;
};

export type SqlStatement = { readonly sql: string; readonly args: readonly SQLInputValue[] };
export type SqlRow = Record<string, SQLOutputValue>;

type Sqlite = typeof NodeSqlite;

// node:sqlite announces itself with an ExperimentalWarning on first load. Only that warning is
// dropped, and only while the module loads; every other warning still reaches the process.
function loadSqlite(): Sqlite {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: unknown } | undefined)?.type;
    const message = typeof warning === "string" ? warning : warning.message;
    if (type === "ExperimentalWarning" && message.startsWith("SQLite is an experimental feature")) return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return process.getBuiltinModule("node:sqlite") as Sqlite;
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** node:sqlite, loaded without its ExperimentalWarning. */
export const nodeSqlite: Sqlite = loadSqlite();

/** The file a `file:` DATABASE_URL names (relative to the working directory, as libsql read it). */
export function sqlitePathOf(databaseUrl: string): string {
  if (databaseUrl.startsWith("file://")) return fileURLToPath(databaseUrl);
  if (databaseUrl.startsWith("file:") && databaseUrl.length > "file:".length) return databaseUrl.slice("file:".length);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1];
  throw new Error(`DATABASE_URL must be a file: URL of a SQLite database, such as file:prisma/dev.sqlite (got ${scheme ? `a ${scheme}: URL` : "no URL"})`);
}

export class SqliteConnection {
  readonly #path: string;
  readonly #pragmas: readonly string[];
  #database: DatabaseSync | null = null;
  readonly #statements = new Map<string, PreparedStatement>();
  #held = false;
  #waiting: (() => void)[] = [];

  /** Opens on first use, and again after `close`. `pragmas` run on every open. */
  constructor(path: string, pragmas: readonly string[]) {
    this.#path = path;
    this.#pragmas = pragmas;
  }

  get #opened(): DatabaseSync {
    if (this.#database?.isOpen) return this.#database;
    const database = new nodeSqlite.DatabaseSync(this.#path, { enableForeignKeyConstraints: true });
    // WAL lets readers in other processes proceed beside the writer; the mode is stored in the file.
    if (this.#path !== ":memory:") database.exec("PRAGMA journal_mode = WAL");
    for (const pragma of this.#pragmas) database.exec(pragma);
    this.#database = database;
    return database;
  }

  /** Whether the connection is inside a transaction (SQLite's own view, not the lock's). */
  get inTransaction(): boolean {
    return this.#database?.isTransaction ?? false;
  }

  /**
   * Runs `work` at once if nobody holds the connection, else once the holders before it are done.
   * `work` must not yield: it runs start to finish in one turn of the event loop.
   */
  async whenFree<T>(work: () => T): Promise<T> {
    if (!this.#held) return work();
    const release = await this.hold();
    try {
      return work();
    } finally {
      release();
    }
  }

  /** Takes the connection for a transaction; what others run waits until the returned release. */
  async hold(): Promise<() => void> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // The connection passes straight to the next in line, so nobody can cut in between.
      if (next) next();
      else this.#held = false;
    };
  }

  /** Runs one statement synchronously. Call it inside `whenFree` or while holding the connection. */
  execute(sql: string, args: readonly SQLInputValue[]): Execution {
    const prepared = this.#prepare(sql);
    if (prepared.columnNames.length > 0) {
      const rows = prepared.statement.all(...args) as unknown as SQLOutputValue[][];
      return { prepared, rows, changes: rows.length, lastInsertRowid: null };
    }
    const { changes, lastInsertRowid } = prepared.statement.run(...args);
    return { prepared, rows: [], changes: Number(changes), lastInsertRowid };
  }

  /** Runs SQL text that may hold several statements and no parameters (a migration, BEGIN, …). */
  exec(sql: string): void {
    this.#opened.exec(sql);
  }

  /** Runs a script that may change the schema: statements prepared before it are prepared anew. */
  executeScript(script: string): void {
    this.#statements.clear();
    this.#opened.exec(script);
  }

  rollbackIfInTransaction(): void {
    if (this.inTransaction) this.#opened.exec("ROLLBACK");
  }

  /**
   * Runs the statements as one write transaction (BEGIN IMMEDIATE … COMMIT) without yielding, once the
   * connection is free, and answers each statement's rows. Errors are node:sqlite's own.
   */
  writeBatch(statements: readonly SqlStatement[]): Promise<SqlRow[][]> {
    return this.whenFree(() => {
      this.exec("BEGIN IMMEDIATE");
      try {
        const results = statements.map((statement) => {
          const { prepared, rows } = this.execute(statement.sql, statement.args);
          return rows.map((row) => Object.fromEntries(prepared.columnNames.map((name, index) => [name, row[index] ?? null])));
        });
        this.exec("COMMIT");
        return results;
      } catch (error) {
        this.rollbackIfInTransaction();
        throw error;
      }
    });
  }

  /** Closes once free; the next use opens the file again. */
  close(): Promise<void> {
    return this.whenFree(() => {
      this.#statements.clear();
      this.#database?.close();
      this.#database = null;
    });
  }

  #prepare(sql: string): PreparedStatement {
    const cached = this.#statements.get(sql);
    if (cached) {
      // Map keeps insertion order: moving the entry to the end makes the first entry the least recent.
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#opened.prepare(sql);
    const columns = statement.columns();
    const declaredTypes = columns.map((column) => columnTypeOfDeclared(column.type));
    const readsBigInts = needsBigInts(declaredTypes);
    statement.setReturnArrays(true);
    statement.setReadBigInts(readsBigInts);
    const prepared: PreparedStatement = { columnNames: columns.map((column) => column.name), declaredTypes, readsBigInts, statement };
    this.#statements.set(sql, prepared);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    return prepared;
  }
}
