// CSV import of order history (product.md §1): Shopify's own orders export (2022 and 2025 headers,
// data/README.md: one row per line item, order columns on each order's first row), the generic
// `customer_id,order_id,date,amount[,currency]` file, and Online Retail's line and invoice files. The
// format is told by the header.
import { currencyExponent } from "../money.ts";
import { createCsvParser } from "./csv-parser.ts";
import type { CsvBatch, CsvRecord } from "./csv-parser.ts";
import {
  fail,
  readAmount,
  readInstant,
  readInteger,
  readRequired,
} from "./csv-fields.ts";
import type { FieldResult } from "./csv-fields.ts";
import { indexColumns } from "./imported-order.ts";
import type {
  ImportedLineItem,
  ImportedOrder,
  OrdersCsvBatch,
  RowMapper,
} from "./imported-order.ts";
import { createOnlineRetailMapper } from "./online-retail.ts";
import { createOnlineRetailInvoicesMapper } from "./online-retail-invoices.ts";
import { parseExportTimestamp, parseIsoDateOrInstant } from "./timestamps.ts";

export type CsvFormat =
  | "shopify-export-2022"
  | "shopify-export-2025"
  | "generic"
  | "online-retail"
  | "online-retail-invoices";

/** The format a user may ask for; `auto` accepts whatever the header says. */
export type CsvFormatChoice = "auto" | "shopify" | "generic" | "online-retail";

export const CSV_FORMAT_CHOICES: readonly CsvFormatChoice[] = [
  "auto",
  "shopify",
  "generic",
  "online-retail",
];

const FORMATS_OF_CHOICE: Readonly<
  Record<CsvFormatChoice, readonly CsvFormat[]>
> = {
  auto: [
    "shopify-export-2022",
    "shopify-export-2025",
    "generic",
    "online-retail",
  ],
  shopify: ["shopify-export-2022", "shopify-export-2025"],
  generic: ["generic"],
  "online-retail": ["online-retail"],
};

export function isFormatOfChoice(
  format: CsvFormat,
  choice: CsvFormatChoice,
): boolean {
  return FORMATS_OF_CHOICE[choice].includes(format);
}

export type OrdersCsvImport = {
  feed(chunk: string): OrdersCsvBatch;
  end(): OrdersCsvBatch;
  /** Known once the header line has been read; null before that or when the header is not recognised. */
  format(): CsvFormat | null;
};

export type OrdersCsvOptions = {
  /** The currency of amounts in a generic CSV without a `currency` column. */
  readonly shopCurrency: string;
};

const SHOPIFY_EXPORT_COLUMNS = [
  "Name",
  "Email",
  "Financial Status",
  "Paid at",
  "Currency",
  "Subtotal",
  "Shipping",
  "Taxes",
  "Total",
  "Discount Amount",
  "Created at",
  "Cancelled at",
  "Refunded Amount",
  "Id",
  "Lineitem quantity",
  "Lineitem name",
  "Lineitem price",
  "Lineitem sku",
  "Lineitem discount",
] as const;

// Columns that only the 2025 export has (data/shopify/orders_export_header_2025.csv).
const SHOPIFY_EXPORT_2025_COLUMNS = [
  "Outstanding Balance",
  "Employee",
  "Location",
  "Device ID",
  "Payment ID",
  "Payment References",
];

const GENERIC_COLUMNS = ["customer_id", "order_id", "date", "amount"] as const;

const NUMERIC_ID = /^\d+$/;

/** Streams a CSV file into orders: feed it text chunks split anywhere, then call end(). */
export function createOrdersCsvImport(
  options: OrdersCsvOptions,
): OrdersCsvImport {
  const parser = createCsvParser();
  let mapper: RowMapper | null = null;
  let format: CsvFormat | null = null;
  let headerRead = false;

  function route(csv: CsvBatch, batch: OrdersCsvBatch): void {
    batch.errors.push(...csv.errors);
    for (const record of csv.records) {
      if (headerRead) {
        mapper?.accept(record, batch);
        continue;
      }
      headerRead = true;
      const detected = detectFormat(record.fields, options);
      if (detected === null)
        batch.errors.push({
          line: record.line,
          column: null,
          message: "UNRECOGNISED_HEADER",
        });
      else ({ format, mapper } = detected);
    }
  }

  return {
    feed(chunk) {
      const batch: OrdersCsvBatch = { orders: [], errors: [], skippedRows: 0 };
      route(parser.feed(chunk), batch);
      return sortErrors(batch);
    },
    end() {
      const batch: OrdersCsvBatch = { orders: [], errors: [], skippedRows: 0 };
      route(parser.end(), batch);
      mapper?.finish(batch);
      return sortErrors(batch);
    },
    format: () => format,
  };
}

function sortErrors(batch: OrdersCsvBatch): OrdersCsvBatch {
  batch.errors.sort((a, b) => a.line - b.line);
  return batch;
}

function detectFormat(
  header: readonly string[],
  options: OrdersCsvOptions,
): { format: CsvFormat; mapper: RowMapper } | null {
  const shopifyColumns = indexColumns(header, SHOPIFY_EXPORT_COLUMNS);
  if (shopifyColumns) {
    const is2025 = SHOPIFY_EXPORT_2025_COLUMNS.every((name) =>
      header.includes(name),
    );
    return {
      format: is2025 ? "shopify-export-2025" : "shopify-export-2022",
      mapper: createShopifyExportMapper(shopifyColumns, header.length),
    };
  }
  const onlineRetail = createOnlineRetailMapper(header);
  if (onlineRetail) return { format: "online-retail", mapper: onlineRetail };
  const invoices = createOnlineRetailInvoicesMapper(header);
  if (invoices) return { format: "online-retail-invoices", mapper: invoices };
  const genericHeader = header.map((name) => name.trim().toLowerCase());
  const genericColumns = indexColumns(genericHeader, GENERIC_COLUMNS);
  if (genericColumns) {
    const currencyIndex = genericHeader.indexOf("currency");
    return {
      format: "generic",
      mapper: createGenericMapper(
        genericColumns,
        currencyIndex,
        header.length,
        options.shopCurrency,
      ),
    };
  }
  return null;
}

type ShopifyColumns = Record<(typeof SHOPIFY_EXPORT_COLUMNS)[number], number>;
type DraftOrder = ImportedOrder & { lineItems: ImportedLineItem[] };

// Rows of one order are consecutive; an order whose first row is broken is dropped with one error,
// and its remaining line-item rows with it.
function createShopifyExportMapper(
  columns: ShopifyColumns,
  width: number,
): RowMapper {
  let current: { name: string; order: DraftOrder | null } | null = null;
  const closedNames = new Set<string>();

  function close(batch: OrdersCsvBatch): void {
    if (current === null) return;
    closedNames.add(current.name);
    if (current.order) batch.orders.push(current.order);
    current = null;
  }

  return {
    accept(record, batch) {
      if (record.fields.length !== width) {
        batch.errors.push({
          line: record.line,
          column: null,
          message: "WRONG_FIELD_COUNT",
        });
        return;
      }
      const name = readRequired(record, columns.Name, "Name");
      if (!name.ok) {
        batch.errors.push(name.error);
        return;
      }
      if (current?.name !== name.value) {
        close(batch);
        if (closedNames.has(name.value)) {
          batch.errors.push({
            line: record.line,
            column: "Name",
            message: "DUPLICATE_ORDER",
          });
          current = { name: name.value, order: null };
          return;
        }
        const order = readExportOrder(record, columns, name.value);
        current = { name: name.value, order: order.ok ? order.value : null };
        if (!order.ok) {
          batch.errors.push(order.error);
          return;
        }
      }
      if (current.order === null) return;
      const lineItem = readExportLineItem(
        record,
        columns,
        current.order.currency,
      );
      if (lineItem.ok) current.order.lineItems.push(lineItem.value);
      else batch.errors.push(lineItem.error);
    },
    finish(batch) {
      close(batch);
    },
  };
}

function readExportOrder(
  record: CsvRecord,
  columns: ShopifyColumns,
  name: string,
): FieldResult<DraftOrder> {
  const currency = readRequired(record, columns.Currency, "Currency");
  if (!currency.ok) return currency;
  if (currencyExponent(currency.value) === null)
    return fail(record, "Currency", "UNKNOWN_CURRENCY");
  const money = (
    column:
      | "Subtotal"
      | "Shipping"
      | "Taxes"
      | "Total"
      | "Discount Amount"
      | "Refunded Amount",
  ) =>
    readAmount(
      record,
      columns[column],
      column,
      currency.value,
      column === "Total",
    );
  const total = money("Total");
  if (!total.ok) return total;
  const subtotal = money("Subtotal");
  if (!subtotal.ok) return subtotal;
  const shipping = money("Shipping");
  if (!shipping.ok) return shipping;
  const tax = money("Taxes");
  if (!tax.ok) return tax;
  const discount = money("Discount Amount");
  if (!discount.ok) return discount;
  const refunded = money("Refunded Amount");
  if (!refunded.ok) return refunded;
  const createdAt = readInstant(
    record,
    columns["Created at"],
    "Created at",
    parseExportTimestamp,
    true,
  );
  if (!createdAt.ok) return createdAt;
  const paidAt = readInstant(
    record,
    columns["Paid at"],
    "Paid at",
    parseExportTimestamp,
    false,
  );
  if (!paidAt.ok) return paidAt;
  const cancelledAt = readInstant(
    record,
    columns["Cancelled at"],
    "Cancelled at",
    parseExportTimestamp,
    false,
  );
  if (!cancelledAt.ok) return cancelledAt;
  const id = record.fields[columns.Id] ?? "";
  if (id !== "" && !NUMERIC_ID.test(id))
    return fail(record, "Id", "MALFORMED_ID");
  const email = (record.fields[columns.Email] ?? "").trim().toLowerCase();
  return {
    ok: true,
    value: {
      orderKey: `shopify-export:${name}`,
      orderGid: id === "" ? null : `gid://shopify/Order/${id}`,
      line: record.line,
      name,
      customer: email === "" ? null : { kind: "email", email },
      createdAt: createdAt.value,
      processedAt: paidAt.value ?? createdAt.value,
      cancelledAt: cancelledAt.value,
      financialStatus:
        (record.fields[columns["Financial Status"]] ?? "") || null,
      currency: currency.value,
      totalMinor: total.value,
      subtotalMinor: subtotal.value,
      shippingMinor: shipping.value,
      taxMinor: tax.value,
      discountMinor: discount.value,
      refundedMinor: refunded.value,
      lineItems: [],
    },
  };
}

function readExportLineItem(
  record: CsvRecord,
  columns: ShopifyColumns,
  currency: string,
): FieldResult<ImportedLineItem> {
  const quantity = readInteger(
    record,
    columns["Lineitem quantity"],
    "Lineitem quantity",
  );
  if (!quantity.ok) return quantity;
  const price = readAmount(
    record,
    columns["Lineitem price"],
    "Lineitem price",
    currency,
    true,
  );
  if (!price.ok) return price;
  const discount = readAmount(
    record,
    columns["Lineitem discount"],
    "Lineitem discount",
    currency,
    false,
  );
  if (!discount.ok) return discount;
  return {
    ok: true,
    value: {
      title: record.fields[columns["Lineitem name"]] ?? "",
      sku: (record.fields[columns["Lineitem sku"]] ?? "") || null,
      quantity: quantity.value,
      priceMinor: price.value,
      discountMinor: discount.value,
    },
  };
}

type GenericColumns = Record<(typeof GENERIC_COLUMNS)[number], number>;

// One row per order: `date` is ISO 8601 (a bare date is midnight UTC), `amount` a decimal in `currency`.
function createGenericMapper(
  columns: GenericColumns,
  currencyIndex: number,
  width: number,
  shopCurrency: string,
): RowMapper {
  const seenOrderIds = new Set<string>();
  return {
    accept(record, batch) {
      if (record.fields.length !== width) {
        batch.errors.push({
          line: record.line,
          column: null,
          message: "WRONG_FIELD_COUNT",
        });
        return;
      }
      const order = readGenericOrder(
        record,
        columns,
        currencyIndex,
        shopCurrency,
      );
      if (!order.ok) {
        batch.errors.push(order.error);
      } else if (seenOrderIds.has(order.value.name)) {
        batch.errors.push({
          line: record.line,
          column: "order_id",
          message: "DUPLICATE_ORDER",
        });
      } else {
        seenOrderIds.add(order.value.name);
        batch.orders.push(order.value);
      }
    },
    finish() {},
  };
}

function readGenericOrder(
  record: CsvRecord,
  columns: GenericColumns,
  currencyIndex: number,
  shopCurrency: string,
): FieldResult<ImportedOrder> {
  const orderId = readRequired(record, columns.order_id, "order_id");
  if (!orderId.ok) return orderId;
  const currency =
    currencyIndex === -1
      ? shopCurrency
      : (record.fields[currencyIndex] ?? "").trim().toUpperCase() ||
        shopCurrency;
  if (currencyExponent(currency) === null)
    return fail(record, "currency", "UNKNOWN_CURRENCY");
  const createdAt = readInstant(
    record,
    columns.date,
    "date",
    parseIsoDateOrInstant,
    true,
  );
  if (!createdAt.ok) return createdAt;
  const amount = readAmount(record, columns.amount, "amount", currency, true);
  if (!amount.ok) return amount;
  const customerId = (record.fields[columns.customer_id] ?? "").trim();
  return {
    ok: true,
    value: {
      orderKey: `csv:${orderId.value}`,
      orderGid: null,
      line: record.line,
      name: orderId.value,
      customer:
        customerId === ""
          ? null
          : { kind: "externalId", externalId: customerId },
      createdAt: createdAt.value,
      processedAt: createdAt.value,
      cancelledAt: null,
      financialStatus: null,
      currency,
      totalMinor: amount.value,
      subtotalMinor: amount.value,
      shippingMinor: 0,
      taxMinor: 0,
      discountMinor: 0,
      refundedMinor: 0,
      lineItems: [],
    },
  };
}
