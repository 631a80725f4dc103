import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { OrdersCsvBatch } from "./imported-order.ts";
import { createOrdersCsvImport } from "./orders-csv.ts";
import type { OrdersCsvOptions } from "./orders-csv.ts";

const readHeader = (year: string) =>
  readFileSync(
    new URL(
      `../../../../shared/data/shopify/orders_export_header_${year}.csv`,
      import.meta.url,
    ),
    "utf8",
  ).replace(/\r?\n$/, "");

const HEADER_2022 = readHeader("2022");
const HEADER_2025 = readHeader("2025");

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One export row: every column of the real header, filled from `values` by header name. */
function exportRow(header: string, values: Record<string, string>): string {
  return header
    .split(",")
    .map((name) => quote(values[name] ?? ""))
    .join(",");
}

function importAll(
  text: string,
  options: OrdersCsvOptions = { shopCurrency: "JPY" },
  chunkSize = text.length || 1,
) {
  const csvImport = createOrdersCsvImport(options);
  const all: OrdersCsvBatch = { orders: [], errors: [], skippedRows: 0 };
  const batches: OrdersCsvBatch[] = [];
  for (let start = 0; start < text.length; start += chunkSize)
    batches.push(csvImport.feed(text.slice(start, start + chunkSize)));
  batches.push(csvImport.end());
  for (const batch of batches) {
    all.orders.push(...batch.orders);
    all.errors.push(...batch.errors);
    all.skippedRows += batch.skippedRows;
  }
  return { ...all, format: csvImport.format() };
}

const FIRST_ORDER = {
  Name: "#1001",
  Email: "Hanako@Example.jp",
  "Financial Status": "paid",
  "Paid at": "2024-03-01 10:16:02 +0900",
  Currency: "JPY",
  Subtotal: "5400",
  Shipping: "600",
  Taxes: "545",
  Total: "6000",
  "Discount Amount": "0",
  "Created at": "2024-03-01 10:15:23 +0900",
  "Refunded Amount": "0",
  Id: "5512345678901",
  Notes: "Gift wrap, please.\nThank you!",
};

const orderRows = (header: string) => [
  exportRow(header, {
    ...FIRST_ORDER,
    "Lineitem quantity": "2",
    "Lineitem name": "Matcha 100g",
    "Lineitem price": "1800",
    "Lineitem sku": "MT-100",
  }),
  exportRow(header, {
    Name: "#1001",
    "Lineitem quantity": "1",
    "Lineitem name": "Chasen, bamboo",
    "Lineitem price": "1800",
    "Lineitem discount": "200",
  }),
  exportRow(header, {
    Name: "#1002",
    "Financial Status": "refunded",
    Currency: "JPY",
    Subtotal: "1800",
    Total: "1800",
    "Created at": "2024-03-02 08:00:00 +0900",
    "Cancelled at": "2024-03-02 12:00:00 +0900",
    "Refunded Amount": "1800",
    "Lineitem quantity": "1",
    "Lineitem name": "Matcha 100g",
    "Lineitem price": "1800",
  }),
];

// #1001 starts on line 2 and spans three lines (its note holds a line break), so #1002 starts on line 5.
const expectedOrders = (lineOf1002 = 5) => [
  {
    orderKey: "shopify-export:#1001",
    orderGid: "gid://shopify/Order/5512345678901",
    line: 2,
    name: "#1001",
    customer: { kind: "email", email: "hanako@example.jp" },
    createdAt: new Date("2024-03-01T01:15:23Z"),
    processedAt: new Date("2024-03-01T01:16:02Z"),
    cancelledAt: null,
    financialStatus: "paid",
    currency: "JPY",
    totalMinor: 6000,
    subtotalMinor: 5400,
    shippingMinor: 600,
    taxMinor: 545,
    discountMinor: 0,
    refundedMinor: 0,
    lineItems: [
      {
        title: "Matcha 100g",
        sku: "MT-100",
        quantity: 2,
        priceMinor: 1800,
        discountMinor: 0,
      },
      {
        title: "Chasen, bamboo",
        sku: null,
        quantity: 1,
        priceMinor: 1800,
        discountMinor: 200,
      },
    ],
  },
  {
    orderKey: "shopify-export:#1002",
    orderGid: null,
    line: lineOf1002,
    name: "#1002",
    customer: null,
    createdAt: new Date("2024-03-01T23:00:00Z"),
    processedAt: new Date("2024-03-01T23:00:00Z"),
    cancelledAt: new Date("2024-03-02T03:00:00Z"),
    financialStatus: "refunded",
    currency: "JPY",
    totalMinor: 1800,
    subtotalMinor: 1800,
    shippingMinor: 0,
    taxMinor: 0,
    discountMinor: 0,
    refundedMinor: 1800,
    lineItems: [
      {
        title: "Matcha 100g",
        sku: null,
        quantity: 1,
        priceMinor: 1800,
        discountMinor: 0,
      },
    ],
  },
];

describe("createOrdersCsvImport with Shopify's orders export", () => {
  it.each([
    ["shopify-export-2022", HEADER_2022],
    ["shopify-export-2025", HEADER_2025],
  ])(
    "reads the %s header and groups line-item rows into orders",
    (format, header) => {
      const text = [header, ...orderRows(header)].join("\n") + "\n";
      expect(importAll(text)).toEqual({
        format,
        orders: expectedOrders(),
        errors: [],
        skippedRows: 0,
      });
    },
  );

  it("gives the same orders when the file arrives in small chunks with CRLF and a BOM", () => {
    const text =
      "\uFEFF" + [HEADER_2025, ...orderRows(HEADER_2025)].join("\r\n") + "\r\n";
    expect(importAll(text, { shopCurrency: "JPY" }, 7).orders).toEqual(
      expectedOrders(),
    );
  });

  it("reports each bad row by its physical line and column, and keeps the good orders", () => {
    const header = HEADER_2022;
    const [first, second, third] = orderRows(header);
    const text = [
      header, // line 1
      first, // lines 2-3: the note holds a line break
      second, // line 4
      exportRow(header, {
        ...FIRST_ORDER,
        Name: "#1003",
        Total: "6,000",
        "Lineitem quantity": "1",
        "Lineitem price": "6000",
      }), // lines 5-6
      exportRow(header, {
        Name: "#1003",
        "Lineitem quantity": "1",
        "Lineitem price": "6000",
      }), // line 7: dropped with its order
      exportRow(header, {
        ...FIRST_ORDER,
        Name: "#1004",
        Notes: "",
        "Created at": "2024-03-01",
        "Lineitem quantity": "1",
        "Lineitem price": "1",
      }), // line 8
      exportRow(header, {
        ...FIRST_ORDER,
        Name: "#1005",
        Notes: "",
        Currency: "yen",
        "Lineitem quantity": "1",
        "Lineitem price": "1",
      }), // line 9
      "#1006,broken", // line 10
      third, // line 11
      exportRow(header, {
        Name: "#1002",
        "Lineitem quantity": "two",
        "Lineitem price": "1800",
      }), // line 12
      exportRow(header, {
        ...FIRST_ORDER,
        Notes: "",
        "Lineitem quantity": "1",
        "Lineitem price": "1800",
      }), // line 13: #1001 again
    ].join("\n");
    const result = importAll(text);
    expect(result.errors).toEqual([
      { line: 5, column: "Total", message: "MALFORMED_AMOUNT" },
      { line: 8, column: "Created at", message: "MALFORMED_DATE" },
      { line: 9, column: "Currency", message: "UNKNOWN_CURRENCY" },
      { line: 10, column: null, message: "WRONG_FIELD_COUNT" },
      { line: 12, column: "Lineitem quantity", message: "MALFORMED_QUANTITY" },
      { line: 13, column: "Name", message: "DUPLICATE_ORDER" },
    ]);
    expect(result.orders).toEqual(expectedOrders(11));
  });
});

describe("createOrdersCsvImport with the generic CSV", () => {
  it("reads one order per row in the shop currency", () => {
    const text =
      "customer_id,order_id,date,amount\nC-1,A-100,2024-03-01,1200.50\n,A-101,2024-03-02T18:30:00+09:00,99\n";
    expect(importAll(text, { shopCurrency: "EUR" })).toEqual({
      format: "generic",
      skippedRows: 0,
      errors: [],
      orders: [
        {
          orderKey: "csv:A-100",
          orderGid: null,
          line: 2,
          name: "A-100",
          customer: { kind: "externalId", externalId: "C-1" },
          createdAt: new Date("2024-03-01T00:00:00Z"),
          processedAt: new Date("2024-03-01T00:00:00Z"),
          cancelledAt: null,
          financialStatus: null,
          currency: "EUR",
          totalMinor: 120050,
          subtotalMinor: 120050,
          shippingMinor: 0,
          taxMinor: 0,
          discountMinor: 0,
          refundedMinor: 0,
          lineItems: [],
        },
        {
          orderKey: "csv:A-101",
          orderGid: null,
          line: 3,
          name: "A-101",
          customer: null,
          createdAt: new Date("2024-03-02T09:30:00Z"),
          processedAt: new Date("2024-03-02T09:30:00Z"),
          cancelledAt: null,
          financialStatus: null,
          currency: "EUR",
          totalMinor: 9900,
          subtotalMinor: 9900,
          shippingMinor: 0,
          taxMinor: 0,
          discountMinor: 0,
          refundedMinor: 0,
          lineItems: [],
        },
      ],
    });
  });

  it("reads a currency column in any column order, with a BOM and CRLF as Excel writes them", () => {
    const text =
      "\uFEFFOrder_ID,Amount,Currency,Date,Customer_ID\r\nB-1,1500,JPY,2024-01-05,9\r\nB-2,12.5,usd,2024-01-06,9\r\n";
    const result = importAll(text, { shopCurrency: "EUR" });
    expect(result.errors).toEqual([]);
    expect(
      result.orders.map((order) => [
        order.name,
        order.currency,
        order.totalMinor,
      ]),
    ).toEqual([
      ["B-1", "JPY", 1500],
      ["B-2", "USD", 1250],
    ]);
  });

  it("reports bad rows by line and column and keeps the good ones", () => {
    const text = [
      "customer_id,order_id,date,amount,currency",
      "1,O-1,2024-03-01,10.00,USD",
      "1,O-2,03/01/2024,10.00,USD",
      "1,O-3,2024-03-01,ten,USD",
      "1,,2024-03-01,10.00,USD",
      "1,O-1,2024-03-02,10.00,USD",
      "1,O-4,2024-03-01,10.00,dollars",
      "1,O-5,2024-03-01",
      '2,O-6,2024-03-03,"1,000.00",USD',
      "2,O-7,2024-03-04,5.5,USD",
    ].join("\n");
    const result = importAll(text);
    expect(result.errors).toEqual([
      { line: 3, column: "date", message: "MALFORMED_DATE" },
      { line: 4, column: "amount", message: "MALFORMED_AMOUNT" },
      { line: 5, column: "order_id", message: "MISSING_VALUE" },
      { line: 6, column: "order_id", message: "DUPLICATE_ORDER" },
      { line: 7, column: "currency", message: "UNKNOWN_CURRENCY" },
      { line: 8, column: null, message: "WRONG_FIELD_COUNT" },
      { line: 9, column: "amount", message: "MALFORMED_AMOUNT" },
    ]);
    expect(
      result.orders.map((order) => [order.name, order.totalMinor]),
    ).toEqual([
      ["O-1", 1000],
      ["O-7", 550],
    ]);
  });
});

describe("createOrdersCsvImport with an unknown file", () => {
  it("reports the header line once and imports nothing", () => {
    expect(importAll("date;total\n2024-01-01;5\n")).toEqual({
      format: null,
      orders: [],
      errors: [{ line: 1, column: null, message: "UNRECOGNISED_HEADER" }],
      skippedRows: 0,
    });
  });
});
