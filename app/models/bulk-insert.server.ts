// Multi-row INSERTs for the bulk path of the CSV import, shaped by measurement (scripts/bench/import.ts):
// Prisma's createMany runs every row through its query compiler (most of a 98 s import), and the libsql
// driver (0.3.19) never frees a prepared statement, so its memory grows with every statement's size and
// parameter count. Rows therefore go in as JSON text parameters that SQLite unpacks with json_each:
// few, small statements with one parameter each.
import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";

type Value = string | number | boolean | Date | null;

// V8 allocates strings up to about 128 KB in its young generation, where a statement's copies of its
// parameter die cheaply; larger ones go straight to the old generation and swell the heap until the
// next full collection.
const BYTES_PER_STATEMENT = 64 * 1024;

// Ids sort by creation time, as Prisma's cuid() do, so new rows land at the end of the primary-key
// index instead of at random places in it; the process's own random part keeps two processes apart.
const PROCESS_PART = randomBytes(5).toString("hex");
let sequence = 0;

function newRowId(): string {
  sequence += 1;
  return `c${Date.now().toString(36).padStart(9, "0")}${sequence.toString(36).padStart(7, "0")}${PROCESS_PART}`;
}

/** Dates as Prisma's libsql adapter stores them, so Prisma reads and compares them like its own. */
function toJsonValue(value: Value): string | number | boolean | null {
  return value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value;
}

/** Inserts the rows into the table, each with a fresh `id`; `columns` names every other column. */
export async function insertRows<Column extends string>(
  db: Prisma.TransactionClient,
  table: string,
  columns: readonly Column[],
  rows: readonly Readonly<Record<Column, Value>>[],
): Promise<void> {
  const columnList = ["id", ...columns].map((column) => `"${column}"`).join(", ");
  const values = ["id", ...columns].map((_, index) => `value ->> ${index}`).join(", ");
  const sql = `INSERT INTO "${table}" (${columnList}) SELECT ${values} FROM json_each(?)`;
  let statementRows: string[] = [];
  let statementBytes = 0;
  for (const row of rows) {
    const json = JSON.stringify([newRowId(), ...columns.map((column) => toJsonValue(row[column]))]);
    statementRows.push(json);
    statementBytes += json.length;
    if (statementBytes >= BYTES_PER_STATEMENT) {
      await db.$executeRawUnsafe(sql, `[${statementRows.join(",")}]`);
      statementRows = [];
      statementBytes = 0;
    }
  }
  if (statementRows.length > 0) await db.$executeRawUnsafe(sql, `[${statementRows.join(",")}]`);
}
