// How values cross between Prisma's query plans and node:sqlite (docs/decisions/013): the arguments
// Prisma binds, the Prisma column type of each result column, and the result values Prisma reads.
import type { SQLInputValue, SQLOutputValue } from "node:sqlite";
import { ColumnTypeEnum, type ArgType, type ColumnType } from "@prisma/driver-adapter-utils";

/**
 * A DateTime as Kizuna stores it: ISO 8601 in UTC with an explicit "+00:00", the format of the libsql
 * adapter that wrote the existing rows, so stored text compares and sorts as one format.
 */
export function storedInstant(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

/** A value for node:sqlite, from a Prisma argument and the type Prisma's query plan gives it. */
export function toSqliteArgument(value: unknown, type: ArgType | undefined): SQLInputValue {
  const scalarType = type?.scalarType;
  switch (typeof value) {
    case "undefined":
      return null;
    case "string":
      if (scalarType === "bigint" || scalarType === "int") return BigInt(value);
      // SQLite has no decimal type: Prisma's Decimal is stored as REAL, as the libsql adapter did.
      if (scalarType === "decimal" || scalarType === "float") return Number.parseFloat(value);
      if (scalarType === "datetime") return storedInstant(new Date(value));
      if (scalarType === "bytes") return Buffer.from(value, "base64");
      return value;
    // node:sqlite binds every JS number as REAL; an integer argument binds as INTEGER so that it is one
    // in expressions too (`? / 2`), not only once a column's affinity has converted it.
    case "number":
      return (scalarType === "int" || scalarType === "bigint") && Number.isSafeInteger(value) ? BigInt(value) : value;
    case "bigint":
      return value;
    // SQLite has no booleans: true and false are the integers 1 and 0.
    case "boolean":
      return value ? 1n : 0n;
    case "object":
      if (value === null) return null;
      if (value instanceof Date) return storedInstant(value);
      if (ArrayBuffer.isView(value)) return value as NodeJS.ArrayBufferView;
      if (Array.isArray(value) && scalarType === "bytes") return Uint8Array.from(value as number[]);
  }
  throw new TypeError(`A ${Array.isArray(value) ? "list" : typeof value} cannot be bound as a SQLite parameter (Prisma type ${scalarType ?? "unknown"})`);
}

/**
 * The Prisma column type of a declared SQLite column type, or null when the declaration says nothing
 * (an expression, or a name SQLite gives no affinity): then the values decide. Names Prisma's SQLite
 * migrations write come first; others follow SQLite's own affinity rules (sqlite.org/datatype3.html §3.1).
 */
export function columnTypeOfDeclared(declared: string | null): ColumnType | null {
  if (declared === null) return null;
  const name = declared.trim().toUpperCase().replace(/\s*\(.*$/, "");
  switch (name) {
    case "":
      return null;
    case "BOOLEAN":
      return ColumnTypeEnum.Boolean;
    case "DATETIME":
    case "TIMESTAMP":
      return ColumnTypeEnum.DateTime;
    case "DATE":
      return ColumnTypeEnum.Date;
    case "TIME":
      return ColumnTypeEnum.Time;
    case "DECIMAL":
      return ColumnTypeEnum.Numeric;
    case "JSONB":
      return ColumnTypeEnum.Json;
    case "BIGINT":
    case "INT8":
    case "UNSIGNED BIG INT":
      return ColumnTypeEnum.Int64;
  }
  if (name.includes("INT")) return ColumnTypeEnum.Int32;
  if (name.includes("CHAR") || name.includes("CLOB") || name.includes("TEXT")) return ColumnTypeEnum.Text;
  if (name.includes("BLOB")) return ColumnTypeEnum.Bytes;
  if (name.includes("REAL") || name.includes("FLOA") || name.includes("DOUB") || name === "NUMERIC") return ColumnTypeEnum.Double;
  return null;
}

/**
 * Whether a statement with these declared column types must read integers as BigInt: a 64-bit
 * column, or one whose values SQLite computes (COUNT, SUM, …), can hold an integer beyond 2^53,
 * which node:sqlite refuses to read as a number. Prisma's Int is 32-bit, so its columns never do.
 */
export function needsBigInts(declaredTypes: readonly (ColumnType | null)[]): boolean {
  return declaredTypes.some((type) => type === null || type === ColumnTypeEnum.Int64);
}

/**
 * The column types Prisma is told: the declared ones, and for the rest what the values are. An
 * integer column read as BigInt that holds an integer beyond 2^53 is a 64-bit one, whatever it says.
 */
export function resultColumnTypes(
  declaredTypes: readonly (ColumnType | null)[],
  rows: readonly SQLOutputValue[][],
  readsBigInts: boolean,
): ColumnType[] {
  return declaredTypes.map((declared, column) => {
    if (declared !== null && !(readsBigInts && declared === ColumnTypeEnum.Int32)) return declared;
    let type: ColumnType | null = declared;
    for (const row of rows) {
      const value = row[column];
      if (typeof value === "bigint" && !Number.isSafeInteger(Number(value))) return ColumnTypeEnum.Int64;
      type ??= valueColumnType(value ?? null);
    }
    // A column of nulls only: any type reads a null as null.
    return type ?? ColumnTypeEnum.Int32;
  });
}

function valueColumnType(value: SQLOutputValue): ColumnType | null {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
      return ColumnTypeEnum.Text;
    // Prisma reads an integer of unknown width as a number, as it reads a REAL.
    case "number":
    case "bigint":
      return ColumnTypeEnum.UnknownNumber;
    default:
      return ColumnTypeEnum.Bytes;
  }
}

type ResultValue = number | string | null | number[];

/** A result row as Prisma reads it, given the column types `resultColumnTypes` chose. */
export function toResultRow(row: readonly SQLOutputValue[], columnTypes: readonly ColumnType[]): ResultValue[] {
  const result: ResultValue[] = new Array(row.length);
  for (let column = 0; column < row.length; column += 1) {
    result[column] = toResultValue(row[column] ?? null, columnTypes[column]!);
  }
  return result;
}

function toResultValue(value: SQLOutputValue, type: ColumnType): ResultValue {
  if (value === null || typeof value === "string") return value;
  if (value instanceof Uint8Array) return Array.from(value);
  // An instant written as a number is Unix epoch milliseconds (SQLite has no date type).
  if (type === ColumnTypeEnum.DateTime) return new Date(Number(value)).toISOString();
  // A 64-bit integer goes to Prisma as decimal text, so that no digit is lost.
  if (type === ColumnTypeEnum.Int64) return typeof value === "bigint" ? value.toString() : Math.trunc(value);
  if (typeof value === "bigint") return Number(value);
  return type === ColumnTypeEnum.Int32 ? Math.trunc(value) : value;
}
