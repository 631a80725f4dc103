// UCI Online Retail line rows (data/README.md) → one order per invoice, in GBP on the UK clock. Cleaning
// as documented there: keep rows with a customer, not on a cancellation ('C') invoice, Quantity > 0 and
// UnitPrice > 0. Each line is Quantity × UnitPrice rounded half up to the penny, which reproduces £8,911,407.90.
import type { CsvRecord } from "./csv-parser.ts";
import {
  readInstant,
  readInteger,
  readLineAmount,
  readRequired,
} from "./csv-fields.ts";
import type {
  ImportedLineItem,
  ImportedOrder,
  OrdersCsvBatch,
  RowMapper,
} from "./imported-order.ts";
import { parseLondonWallClock } from "./timestamps.ts";

const HEADER = [
  "InvoiceNo",
  "StockCode",
  "Description",
  "Quantity",
  "InvoiceDate",
  "UnitPrice",
  "CustomerID",
  "Country",
];
const [
  INVOICE,
  STOCK_CODE,
  DESCRIPTION,
  QUANTITY,
  INVOICE_DATE,
  UNIT_PRICE,
  CUSTOMER,
] = [0, 1, 2, 3, 4, 5, 6] as const;
const CURRENCY = "GBP";
const NOT_POSITIVE = /^(?:-.*|[0.]*)$/;

type DraftOrder = ImportedOrder & {
  lineItems: ImportedLineItem[];
  createdAt: Date;
  processedAt: Date;
  totalMinor: number;
  subtotalMinor: number;
};

/** The mapper for a file with Online Retail's header, or null for any other header. */
export function createOnlineRetailMapper(
  header: readonly string[],
): RowMapper | null {
  if (
    header.length !== HEADER.length ||
    HEADER.some((name, index) => header[index] !== name)
  )
    return null;
  // The file is not strictly grouped by invoice (one invoice reappears), so orders are emitted at the end.
  const invoices = new Map<string, DraftOrder>();
  return {
    accept(record, batch) {
      accept(record, batch, invoices);
    },
    finish(batch) {
      batch.orders.push(...invoices.values());
      invoices.clear();
    },
  };
}

function accept(
  record: CsvRecord,
  batch: OrdersCsvBatch,
  invoices: Map<string, DraftOrder>,
): void {
  if (record.fields.length !== HEADER.length) {
    batch.errors.push({
      line: record.line,
      column: null,
      message: "WRONG_FIELD_COUNT",
    });
    return;
  }
  const invoice = readRequired(record, INVOICE, "InvoiceNo");
  if (!invoice.ok) {
    batch.errors.push(invoice.error);
    return;
  }
  const customerId = record.fields[CUSTOMER] ?? "";
  if (invoice.value.startsWith("C") || customerId === "") {
    batch.skippedRows++;
    return;
  }
  const quantity = readInteger(record, QUANTITY, "Quantity");
  if (!quantity.ok) {
    batch.errors.push(quantity.error);
    return;
  }
  const unitPriceText = record.fields[UNIT_PRICE] ?? "";
  const lineAmount = readLineAmount(
    record,
    UNIT_PRICE,
    "UnitPrice",
    quantity.value,
    CURRENCY,
  );
  const unitPrice = readLineAmount(
    record,
    UNIT_PRICE,
    "UnitPrice",
    1,
    CURRENCY,
  );
  if (!lineAmount.ok || !unitPrice.ok) {
    batch.errors.push({
      line: record.line,
      column: "UnitPrice",
      message: "MALFORMED_AMOUNT",
    });
    return;
  }
  const invoicedAt = readInstant(
    record,
    INVOICE_DATE,
    "InvoiceDate",
    parseLondonWallClock,
    true,
  );
  if (!invoicedAt.ok) {
    batch.errors.push(invoicedAt.error);
    return;
  }
  if (quantity.value <= 0 || NOT_POSITIVE.test(unitPriceText)) {
    batch.skippedRows++;
    return;
  }
  const lineItem: ImportedLineItem = {
    title: record.fields[DESCRIPTION] ?? "",
    sku: (record.fields[STOCK_CODE] ?? "") || null,
    quantity: quantity.value,
    priceMinor: unitPrice.value,
    discountMinor: 0,
  };
  const known = invoices.get(invoice.value);
  if (known) {
    known.lineItems.push(lineItem);
    known.totalMinor += lineAmount.value;
    known.subtotalMinor += lineAmount.value;
    if (invoicedAt.value < known.createdAt) {
      known.createdAt = invoicedAt.value;
      known.processedAt = invoicedAt.value;
    }
    return;
  }
  invoices.set(invoice.value, {
    orderKey: `online-retail:${invoice.value}`,
    orderGid: null,
    line: record.line,
    name: invoice.value,
    customer: { kind: "externalId", externalId: customerId },
    createdAt: invoicedAt.value,
    processedAt: invoicedAt.value,
    cancelledAt: null,
    financialStatus: "paid",
    currency: CURRENCY,
    totalMinor: lineAmount.value,
    subtotalMinor: lineAmount.value,
    shippingMinor: 0,
    taxMinor: 0,
    discountMinor: 0,
    refundedMinor: 0,
    lineItems: [lineItem],
  });
}
