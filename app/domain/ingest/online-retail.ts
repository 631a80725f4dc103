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
  const invoices: OpenInvoices = { open: new Map(), emitted: new Set() };
  return {
    accept(record, batch) {
      emitClosedInvoices(invoices, record.line, batch);
      accept(record, batch, invoices);
    },
    finish(batch) {
      for (const { order } of invoices.open.values()) batch.orders.push(order);
      invoices.open.clear();
    },
  };
}

// The file is not strictly grouped by invoice: 542806 comes back three rows after its first run. An
// invoice is emitted once this many lines have passed without a row of it, so an import holds a few
// open invoices instead of the whole file; a row of an invoice already emitted is a DUPLICATE_ORDER.
const REOPEN_WINDOW_LINES = 1000;

type OpenInvoices = {
  /** Invoice number → its order so far and the line of its last row, in the order of those lines. */
  open: Map<string, { order: DraftOrder; lastLine: number }>;
  emitted: Set<string>;
};

function emitClosedInvoices(
  invoices: OpenInvoices,
  line: number,
  batch: OrdersCsvBatch,
): void {
  for (const [invoice, { order, lastLine }] of invoices.open) {
    if (line - lastLine < REOPEN_WINDOW_LINES) return;
    batch.orders.push(order);
    invoices.open.delete(invoice);
    invoices.emitted.add(invoice);
  }
}

function accept(
  record: CsvRecord,
  batch: OrdersCsvBatch,
  invoices: OpenInvoices,
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
  if (invoices.emitted.has(invoice.value)) {
    batch.errors.push({
      line: record.line,
      column: "InvoiceNo",
      message: "DUPLICATE_ORDER",
    });
    return;
  }
  const known = invoices.open.get(invoice.value);
  if (known) {
    const order = known.order;
    order.lineItems.push(lineItem);
    order.totalMinor += lineAmount.value;
    order.subtotalMinor += lineAmount.value;
    if (invoicedAt.value < order.createdAt) {
      order.createdAt = invoicedAt.value;
      order.processedAt = invoicedAt.value;
    }
    // Re-inserted so that the map stays in the order of each invoice's last row.
    invoices.open.delete(invoice.value);
    invoices.open.set(invoice.value, { order, lastLine: record.line });
    return;
  }
  invoices.open.set(invoice.value, {
    lastLine: record.line,
    order: {
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
    },
  });
}
