// Streams an orders file (plain or .gz) through the domain's CSV or CDNOW import into dated purchases,
// without holding the file in memory. What counts follows product.md §1: cancelled and voided orders never
// count, guest orders count in shop totals only, and net amount = total − refunds in the shop currency.
import { open } from "node:fs/promises";
import { pipeline } from "node:stream";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { CustomerOrder } from "../domain/analytics/customer-analytics.ts";
import type { Purchase } from "../domain/analytics/purchase-summary.ts";
import {
  createLocalDateReader,
  isKnownTimeZone,
} from "../domain/analytics/shop-calendar.ts";
import {
  CDNOW_FORMAT,
  createCdnowImport,
  looksLikeCdnow,
} from "../domain/ingest/cdnow.ts";
import type { CdnowFormat } from "../domain/ingest/cdnow.ts";
import { createOrdersCsvImport } from "../domain/ingest/orders-csv.ts";
import type { CsvFormat } from "../domain/ingest/orders-csv.ts";
import type {
  ImportedOrder,
  OrdersCsvBatch,
} from "../domain/ingest/imported-order.ts";
import type { RowError } from "../domain/ingest/row-error.ts";
import { InputError } from "./command.ts";

export type FormatChoice =
  "auto" | "shopify" | "generic" | "online-retail" | "cdnow";

export const FORMAT_CHOICES: readonly FormatChoice[] = [
  "auto",
  "shopify",
  "generic",
  "online-retail",
  "cdnow",
];

export type OrdersFileFormat = CsvFormat | CdnowFormat;

export type ReadOrdersOptions = {
  readonly path: string;
  readonly format: FormatChoice;
  /** The shop currency when the user named one; otherwise the currency of the file's first order. */
  readonly currency: string | null;
  readonly timeZone: string;
};

export type GuestPurchase = Omit<Purchase, "customerKey">;

export type OrdersRead = {
  readonly format: OrdersFileFormat;
  readonly currency: string;
  readonly customerPurchases: CustomerOrder[];
  readonly guestPurchases: GuestPurchase[];
  readonly badRowCount: number;
  /** The first bad rows in file order, for the report on stderr. */
  readonly firstBadRows: RowError[];
  /** Rows a format's documented cleaning rules leave out (Online Retail cancellations, guests, returns). */
  readonly skippedRowCount: number;
  readonly cancelledOrderCount: number;
  readonly otherCurrencyOrderCount: number;
};

export const REPORTED_BAD_ROWS = 10;

// Amounts in a generic file without a currency column, when the user names no currency.
const GENERIC_DEFAULT_CURRENCY = "USD";

const FORMATS_OF_CHOICE: Readonly<
  Record<FormatChoice, readonly OrdersFileFormat[]>
> = {
  auto: [
    "shopify-export-2022",
    "shopify-export-2025",
    "generic",
    "online-retail",
    "online-retail-invoices",
    CDNOW_FORMAT,
  ],
  shopify: ["shopify-export-2022", "shopify-export-2025"],
  generic: ["generic"],
  "online-retail": ["online-retail", "online-retail-invoices"],
  cdnow: [CDNOW_FORMAT],
};

type OrdersImport = {
  feed(chunk: string): OrdersCsvBatch;
  end(): OrdersCsvBatch;
  format(): OrdersFileFormat | null;
};

/**
 * CDNOW's whitespace-separated text when asked for, or when the first line is unmistakably CDNOW (then
 * a --format naming another format is refused like any mismatch); otherwise the CSV import, which
 * tells its formats by the header. The choice waits for the first line break.
 */
function createOrdersImport(
  format: FormatChoice,
  shopCurrency: string,
): OrdersImport {
  let chosen: OrdersImport | null = null;
  let head = "";
  const choose = (firstLine: string): OrdersImport =>
    format === "cdnow" || looksLikeCdnow(firstLine)
      ? createCdnowImport()
      : createOrdersCsvImport({ shopCurrency });
  const empty = (): OrdersCsvBatch => ({
    orders: [],
    errors: [],
    skippedRows: 0,
  });
  return {
    feed(chunk) {
      if (chosen !== null) return chosen.feed(chunk);
      head += chunk;
      const lineEnd = head.indexOf("\n");
      if (lineEnd === -1) return empty();
      chosen = choose(head.slice(0, lineEnd));
      const batch = chosen.feed(head);
      head = "";
      return batch;
    },
    end() {
      if (chosen !== null) return chosen.end();
      chosen = choose(head);
      const first = chosen.feed(head);
      const last = chosen.end();
      return {
        orders: [...first.orders, ...last.orders],
        errors: [...first.errors, ...last.errors],
        skippedRows: first.skippedRows + last.skippedRows,
      };
    },
    format: () => chosen?.format() ?? null,
  };
}

/** 'YYYY-MM-DD' of an instant on the wall calendar of `timeZone`; throws InputError for an unknown zone. */
export function createShopDateReader(timeZone: string): (at: Date) => string {
  if (!isKnownTimeZone(timeZone))
    throw new InputError(
      `unknown time zone "${timeZone}" (use an IANA name such as Asia/Tokyo)`,
    );
  return createLocalDateReader(timeZone);
}

const FILE_ERROR_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "it is a directory",
};

/** The InputError for a failure to open, read or decompress the file, or null for anything else. */
function describeReadFailure(path: string, error: unknown): InputError | null {
  const { code = "", syscall } = error as NodeJS.ErrnoException;
  if (code.startsWith("Z_"))
    return new InputError(`${path}: not a valid gzip file`);
  if (syscall === undefined) return null;
  return new InputError(
    `cannot read orders file ${path}: ${FILE_ERROR_REASONS[code] ?? code}`,
  );
}

async function openText(path: string): Promise<Readable> {
  let file;
  try {
    file = await open(path);
  } catch (error) {
    throw describeReadFailure(path, error) ?? error;
  }
  const bytes = file.createReadStream();
  // pipeline destroys both streams (and so closes the file) when either fails.
  const stream = path.endsWith(".gz")
    ? pipeline(bytes, createGunzip(), () => {})
    : bytes;
  stream.setEncoding("utf8");
  return stream;
}

export async function readOrders(
  options: ReadOrdersOptions,
): Promise<OrdersRead> {
  const ordersImport = createOrdersImport(
    options.format,
    options.currency ?? GENERIC_DEFAULT_CURRENCY,
  );
  const shopDateOf = createShopDateReader(options.timeZone);
  let currency = options.currency;
  let detected: OrdersFileFormat | null = null;
  const read = {
    customerPurchases: [] as CustomerOrder[],
    guestPurchases: [] as GuestPurchase[],
    badRowCount: 0,
    firstBadRows: [] as RowError[],
    skippedRowCount: 0,
    cancelledOrderCount: 0,
    otherCurrencyOrderCount: 0,
  };

  function checkFormat(batch: OrdersCsvBatch): void {
    if (detected !== null) return;
    detected = ordersImport.format();
    if (detected === null) {
      if (batch.errors.some((error) => error.message === "UNRECOGNISED_HEADER"))
        throw new InputError(
          `${options.path}: the first line is not a known orders header (expected a Shopify orders export, customer_id,order_id,date,amount[,currency], Online Retail or CDNOW)`,
        );
      return;
    }
    if (!FORMATS_OF_CHOICE[options.format].includes(detected))
      throw new InputError(
        `${options.path}: --format ${options.format} was given but the file is ${detected}`,
      );
  }

  function take(order: ImportedOrder): void {
    // Voided is a financial status of Shopify's export; the other formats carry no such orders.
    if (order.cancelledAt !== null || order.financialStatus === "voided") {
      read.cancelledOrderCount += 1;
      return;
    }
    currency ??= order.currency;
    if (order.currency !== currency) {
      read.otherCurrencyOrderCount += 1;
      return;
    }
    const purchase = {
      occurredOn: shopDateOf(order.createdAt),
      amountMinor: order.totalMinor - order.refundedMinor,
    };
    const customer = order.customer;
    if (customer === null) read.guestPurchases.push(purchase);
    else
      read.customerPurchases.push({
        customerKey:
          customer.kind === "email" ? customer.email : customer.externalId,
        orderKey: order.orderKey,
        taxMinor: order.taxMinor,
        ...purchase,
      });
  }

  function absorb(batch: OrdersCsvBatch): void {
    checkFormat(batch);
    for (const error of batch.errors) {
      read.badRowCount += 1;
      if (read.firstBadRows.length < REPORTED_BAD_ROWS)
        read.firstBadRows.push(error);
    }
    read.skippedRowCount += batch.skippedRows;
    for (const order of batch.orders) take(order);
  }

  const stream = await openText(options.path);
  try {
    for await (const chunk of stream)
      absorb(ordersImport.feed(chunk as string));
  } catch (error) {
    stream.destroy();
    if (error instanceof InputError) throw error;
    throw describeReadFailure(options.path, error) ?? error;
  }
  absorb(ordersImport.end());
  const format: OrdersFileFormat | null = detected;
  if (format === null)
    throw new InputError(`${options.path}: the file is empty`);
  return {
    ...read,
    format,
    currency: currency ?? options.currency ?? GENERIC_DEFAULT_CURRENCY,
  };
}
