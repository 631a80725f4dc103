import { createReadStream, readFileSync } from "node:fs";
import { createGunzip, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ImportedOrder } from "./imported-order.ts";
import { createOrdersCsvImport } from "./orders-csv.ts";

const LINES_FILE = new URL(
  "../../../../shared/data/online_retail/online_retail_lines.csv.gz",
  import.meta.url,
);

function firstLines(count: number): string {
  const text = gunzipSync(readFileSync(LINES_FILE)).toString("utf8");
  let end = 0;
  for (let line = 0; line < count; line++) end = text.indexOf("\n", end) + 1;
  return text.slice(0, end);
}

describe("createOrdersCsvImport with Online Retail", () => {
  it("cleans and groups the first 2,000 lines into invoices as documented", () => {
    // GIVEN the header and 1,999 line rows (533 without a customer, cancellations C536379 and more)
    const csvImport = createOrdersCsvImport({ shopCurrency: "GBP" });
    const first = csvImport.feed(firstLines(2000));
    const last = csvImport.end();
    const orders = [...first.orders, ...last.orders];
    // THEN (expected values computed independently with Python's csv and Decimal, half-up per line)
    expect(csvImport.format()).toBe("online-retail");
    expect([...first.errors, ...last.errors]).toEqual([]);
    expect(first.skippedRows + last.skippedRows).toBe(559);
    expect(orders).toHaveLength(84);
    expect(
      new Set(
        orders.map(
          (order) =>
            order.customer?.kind === "externalId" && order.customer.externalId,
        ),
      ).size,
    ).toBe(68);
    expect(orders.reduce((sum, order) => sum + order.totalMinor, 0)).toBe(
      3261531,
    );
    const firstInvoice = orders.find((order) => order.name === "536365");
    expect(firstInvoice).toMatchObject({
      orderKey: "online-retail:536365",
      line: 2,
      customer: { kind: "externalId", externalId: "17850" },
      createdAt: new Date("2010-12-01T08:26:00Z"),
      currency: "GBP",
      totalMinor: 13912,
      refundedMinor: 0,
    });
    expect(firstInvoice?.lineItems).toHaveLength(7);
    expect(firstInvoice?.lineItems[0]).toEqual({
      title: "WHITE HANGING HEART T-LIGHT HOLDER",
      sku: "85123A",
      quantity: 6,
      priceMinor: 255,
      discountMinor: 0,
    });
    expect(orders.find((order) => order.name === "536370")?.totalMinor).toBe(
      85586,
    );
  });

  it("reports a malformed row by line and column", () => {
    const header =
      '"InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"\n';
    const text = `${header}"1","A","x",two,"2011-01-01 10:00:00",1.00,"9","UK"\n"1","A","x",1,"2011-01-01 10:00:00",1.0.0,"9","UK"\n"1","A","x",1,"2011-01-01 25:00:00",1.00,"9","UK"\n`;
    const csvImport = createOrdersCsvImport({ shopCurrency: "GBP" });
    expect([...csvImport.feed(text).errors, ...csvImport.end().errors]).toEqual(
      [
        { line: 2, column: "Quantity", message: "MALFORMED_QUANTITY" },
        { line: 3, column: "UnitPrice", message: "MALFORMED_AMOUNT" },
        { line: 4, column: "InvoiceDate", message: "MALFORMED_DATE" },
      ],
    );
  });

  it("emits invoices while the file streams, merges an invoice that comes back soon, and reports one that comes back late", () => {
    const header =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    const row = (invoice: string, quantity = 1) =>
      `${invoice},A,x,${quantity},2011-01-01 10:00:00,1.00,9,UK\n`;
    const csvImport = createOrdersCsvImport({ shopCurrency: "GBP" });
    // GIVEN invoice 1 (line 2), back on line 4; invoice 3 on 1,000 lines; invoice 1 again on line 1,005
    const early = csvImport.feed(
      header +
        row("1") +
        row("2") +
        row("1", 2) +
        Array.from({ length: 1000 }, () => row("3")).join(""),
    );
    const late = csvImport.feed(row("1", 5));
    const last = csvImport.end();
    // THEN invoices 1 and 2 leave before the end of the file, invoice 1 with both of its rows
    expect(early.orders.map((order) => [order.name, order.totalMinor])).toEqual(
      [
        ["2", 100],
        ["1", 300],
      ],
    );
    expect(late.errors).toEqual([
      { line: 1005, column: "InvoiceNo", message: "DUPLICATE_ORDER" },
    ]);
    expect(last.orders.map((order) => [order.name, order.totalMinor])).toEqual([
      ["3", 100000],
    ]);
  });

  it("reproduces the documented totals over the whole file: 4,338 customers, 18,532 invoices, £8,911,407.90", async () => {
    // Quantity × UnitPrice is rounded half up to the penny per line; the unrounded sum is £8,911,407.904.
    const csvImport = createOrdersCsvImport({ shopCurrency: "GBP" });
    const orders: ImportedOrder[] = [];
    let errorCount = 0;
    let skippedRows = 0;
    const collect = (batch: ReturnType<typeof csvImport.end>) => {
      orders.push(...batch.orders);
      errorCount += batch.errors.length;
      skippedRows += batch.skippedRows;
    };
    for await (const chunk of createReadStream(LINES_FILE)
      .pipe(createGunzip())
      .setEncoding("utf8"))
      collect(csvImport.feed(chunk as string));
    collect(csvImport.end());
    expect(errorCount).toBe(0);
    expect(skippedRows).toBe(144025); // of 541,909 rows, 397,884 are kept
    expect(orders).toHaveLength(18532);
    expect(
      new Set(
        orders.map(
          (order) =>
            order.customer?.kind === "externalId" && order.customer.externalId,
        ),
      ).size,
    ).toBe(4338);
    expect(orders.reduce((sum, order) => sum + order.totalMinor, 0)).toBe(
      891140790,
    );
  }, 60_000);
});
