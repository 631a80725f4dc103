// Reading typed values out of CSV fields: each reader returns the value or the RowError that names the
// line and the column, so a mapper reports a bad row and carries on (style.md §7.9).
import { multiplyDecimalToMinor, parseDecimalToMinor } from "../money.ts";
import type { CsvRecord } from "./csv-parser.ts";
import type { RowError, RowErrorMessage } from "./row-error.ts";

export type FieldResult<Value> =
  { ok: true; value: Value } | { ok: false; error: RowError };

const INTEGER = /^-?\d+$/;

export function fail(
  record: CsvRecord,
  column: string | null,
  message: RowErrorMessage,
): { ok: false; error: RowError } {
  return { ok: false, error: { line: record.line, column, message } };
}

export function readRequired(
  record: CsvRecord,
  index: number,
  column: string,
): FieldResult<string> {
  const text = record.fields[index] ?? "";
  return text === ""
    ? fail(record, column, "MISSING_VALUE")
    : { ok: true, value: text };
}

/** A decimal amount in minor units; an empty optional field reads as 0. */
export function readAmount(
  record: CsvRecord,
  index: number,
  column: string,
  currency: string,
  required: boolean,
): FieldResult<number> {
  const text = record.fields[index] ?? "";
  if (text === "")
    return required
      ? fail(record, column, "MISSING_VALUE")
      : { ok: true, value: 0 };
  const parsed = parseDecimalToMinor(text, currency);
  if (parsed.ok) return { ok: true, value: parsed.money.minor };
  return fail(
    record,
    column,
    parsed.reason === "UNKNOWN_CURRENCY"
      ? "UNKNOWN_CURRENCY"
      : "MALFORMED_AMOUNT",
  );
}

/** Quantity × unit price rounded half up per line, for files whose prices carry sub-minor decimals. */
export function readLineAmount(
  record: CsvRecord,
  index: number,
  column: string,
  quantity: number,
  currency: string,
): FieldResult<number> {
  const parsed = multiplyDecimalToMinor(
    record.fields[index] ?? "",
    quantity,
    currency,
  );
  return parsed.ok
    ? { ok: true, value: parsed.money.minor }
    : fail(record, column, "MALFORMED_AMOUNT");
}

export function readInteger(
  record: CsvRecord,
  index: number,
  column: string,
): FieldResult<number> {
  const text = record.fields[index] ?? "";
  const value = Number(text);
  return INTEGER.test(text) && Number.isSafeInteger(value)
    ? { ok: true, value }
    : fail(record, column, "MALFORMED_QUANTITY");
}

/** A timestamp through `parse`; an empty optional field reads as null. */
export function readInstant(
  record: CsvRecord,
  index: number,
  column: string,
  parse: (text: string) => Date | null,
  required: true,
): FieldResult<Date>;
export function readInstant(
  record: CsvRecord,
  index: number,
  column: string,
  parse: (text: string) => Date | null,
  required: false,
): FieldResult<Date | null>;
export function readInstant(
  record: CsvRecord,
  index: number,
  column: string,
  parse: (text: string) => Date | null,
  required: boolean,
): FieldResult<Date | null> {
  const text = record.fields[index] ?? "";
  if (text === "")
    return required
      ? fail(record, column, "MISSING_VALUE")
      : { ok: true, value: null };
  const instant = parse(text);
  return instant === null
    ? fail(record, column, "MALFORMED_DATE")
    : { ok: true, value: instant };
}
