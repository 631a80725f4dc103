// An order read from a CSV file (product.md §1, CSV import): the export carries no customer GID, so the
// customer is known by e-mail (Shopify's export) or by the file's own id (generic CSV, Online Retail).
import type { CsvRecord } from "./csv-parser.ts";
import type { RowError } from "./row-error.ts";

export type ImportedCustomer =
  | { readonly kind: "email"; readonly email: string }
  | { readonly kind: "externalId"; readonly externalId: string };

export type ImportedLineItem = {
  readonly title: string;
  readonly sku: string | null;
  readonly quantity: number;
  readonly priceMinor: number;
  readonly discountMinor: number;
};

export type ImportedOrder = {
  /** Stable across re-imports of the same file: `shopify-export:<Name>`, `csv:<order_id>`, `online-retail:<InvoiceNo>`. */
  readonly orderKey: string;
  /** From the export's `Id` column when present, so a re-import merges with webhook and backfill data. */
  readonly orderGid: string | null;
  /** The physical line of the order's first row, for errors found after parsing. */
  readonly line: number;
  readonly name: string;
  readonly customer: ImportedCustomer | null;
  readonly createdAt: Date;
  readonly processedAt: Date;
  readonly cancelledAt: Date | null;
  readonly financialStatus: string | null;
  readonly currency: string;
  readonly totalMinor: number;
  readonly subtotalMinor: number;
  readonly shippingMinor: number;
  readonly taxMinor: number;
  readonly discountMinor: number;
  readonly refundedMinor: number;
  readonly lineItems: readonly ImportedLineItem[];
};

export type OrdersCsvBatch = {
  orders: ImportedOrder[];
  errors: RowError[];
  /** Rows left out by a format's documented cleaning rules; they are not errors. */
  skippedRows: number;
};

/** Turns the records after the header into orders; `finish` flushes what is still grouped. */
export type RowMapper = {
  accept(record: CsvRecord, batch: OrdersCsvBatch): void;
  finish(batch: OrdersCsvBatch): void;
};

/** Header name → field index, or null when a required name is missing. */
export function indexColumns<Name extends string>(
  header: readonly string[],
  names: readonly Name[],
): Record<Name, number> | null {
  const columns = {} as Record<Name, number>;
  for (const name of names) {
    const index = header.indexOf(name);
    if (index === -1) return null;
    columns[name] = index;
  }
  return columns;
}
