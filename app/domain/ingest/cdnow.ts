// The raw CDNOW transaction files (Fader, Hardie & Lee; data/README.md): whitespace-separated lines,
// CRLF, an optional header line. CDNOW_master.txt has `customer_id date number_of_cds dollar_value`;
// CDNOW_sample.txt has a sample id after the customer id. Each line is one purchase in US dollars on a
// calendar day, read as midnight UTC like the generic CSV's dates. The customer is the master id as
// written ("00004"), so both files name a customer alike; the sample id and the CD count are checked
// and not used.
import type { CsvRecord } from "./csv-parser.ts";
import { readAmount, readInteger, readInstant } from "./csv-fields.ts";
import type { ImportedOrder, OrdersCsvBatch } from "./imported-order.ts";
import type { RowError } from "./row-error.ts";
import { parseIsoDateOrInstant } from "./timestamps.ts";

export const CDNOW_FORMAT = "cdnow";
export type CdnowFormat = typeof CDNOW_FORMAT;

export type CdnowImport = {
  feed(chunk: string): OrdersCsvBatch;
  end(): OrdersCsvBatch;
  /** Known once the file has a line; null for an empty file. */
  format(): CdnowFormat | null;
};

const HEADER = ["customer_id", "date", "number_of_cds", "dollar_value"];
const CURRENCY = "USD";
const DIGITS = /^\d+$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DOLLARS = /^\d+(?:\.\d+)?$/;

// Columns by layout: master (4 fields) and sample (5 fields, the sample id second).
const LAYOUTS: Readonly<Record<number, readonly string[]>> = {
  4: HEADER,
  5: ["customer_id", "sample_id", "date", "number_of_cds", "dollar_value"],
};

function fieldsOf(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === "" ? [] : trimmed.split(/\s+/);
}

/** Whether a file's first line is CDNOW's header or a CDNOW purchase line, so auto-detection is safe. */
export function looksLikeCdnow(firstLine: string): boolean {
  const fields = fieldsOf(firstLine);
  if (fields.join(" ").toLowerCase() === HEADER.join(" ")) return true;
  const columns = LAYOUTS[fields.length];
  if (columns === undefined) return false;
  return fields.every((field, index) => {
    const column = columns[index];
    if (column === "date") return DATE.test(field);
    if (column === "dollar_value") return DOLLARS.test(field);
    return DIGITS.test(field);
  });
}

function readDate(text: string): Date | null {
  const match = DATE.exec(text);
  return match
    ? parseIsoDateOrInstant(`${match[1]}-${match[2]}-${match[3]}`)
    : null;
}

/** Streams CDNOW text: feed it chunks split anywhere, then call end(). */
export function createCdnowImport(): CdnowImport {
  let partial = "";
  let line = 0;
  let sawLine = false;
  let columns: readonly string[] | null = null;

  function toOrder(
    record: CsvRecord,
    layout: readonly string[],
  ): ImportedOrder | RowError {
    const at = (name: string) => layout.indexOf(name);
    const customerId = record.fields[at("customer_id")] ?? "";
    if (!DIGITS.test(customerId))
      return {
        line: record.line,
        column: "customer_id",
        message: "MALFORMED_ID",
      };
    if (
      layout.includes("sample_id") &&
      !DIGITS.test(record.fields[at("sample_id")] ?? "")
    )
      return {
        line: record.line,
        column: "sample_id",
        message: "MALFORMED_ID",
      };
    const purchasedAt = readInstant(record, at("date"), "date", readDate, true);
    if (!purchasedAt.ok) return purchasedAt.error;
    const cds = readInteger(record, at("number_of_cds"), "number_of_cds");
    if (!cds.ok) return cds.error;
    if (cds.value < 0)
      return {
        line: record.line,
        column: "number_of_cds",
        message: "MALFORMED_QUANTITY",
      };
    const dollars = readAmount(
      record,
      at("dollar_value"),
      "dollar_value",
      CURRENCY,
      true,
    );
    if (!dollars.ok) return dollars.error;
    return {
      orderKey: `cdnow:${record.line}`,
      orderGid: null,
      line: record.line,
      name: String(record.line),
      customer: { kind: "externalId", externalId: customerId },
      createdAt: purchasedAt.value,
      processedAt: purchasedAt.value,
      cancelledAt: null,
      financialStatus: "paid",
      currency: CURRENCY,
      totalMinor: dollars.value,
      subtotalMinor: dollars.value,
      shippingMinor: 0,
      taxMinor: 0,
      discountMinor: 0,
      refundedMinor: 0,
      lineItems: [],
    };
  }

  function accept(text: string, batch: OrdersCsvBatch): void {
    line += 1;
    const fields = fieldsOf(text);
    if (fields.length === 0) return;
    sawLine = true;
    // The master file's header; any first line that does not start with a digit is one (data/README.md).
    if (line === 1 && !/^\d/.test(fields[0]!)) return;
    columns ??= LAYOUTS[fields.length] ?? null;
    if (columns === null || fields.length !== columns.length) {
      batch.errors.push({ line, column: null, message: "WRONG_FIELD_COUNT" });
      return;
    }
    const order = toOrder({ line, fields }, columns);
    if ("orderKey" in order) batch.orders.push(order);
    else batch.errors.push(order);
  }

  function split(text: string, batch: OrdersCsvBatch): void {
    const lines = text.split("\n");
    partial = lines.pop() ?? "";
    for (const each of lines) accept(each, batch);
  }

  return {
    feed(chunk) {
      const batch: OrdersCsvBatch = { orders: [], errors: [], skippedRows: 0 };
      split(partial + chunk, batch);
      return batch;
    },
    end() {
      const batch: OrdersCsvBatch = { orders: [], errors: [], skippedRows: 0 };
      split(`${partial}\n`, batch);
      return batch;
    },
    format: () => (sawLine ? CDNOW_FORMAT : null),
  };
}
