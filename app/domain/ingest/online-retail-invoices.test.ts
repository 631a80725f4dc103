import { describe, expect, it } from "vitest";
import { createOrdersCsvImport } from "./orders-csv.ts";

const FILE = [
  "InvoiceNo,CustomerID,InvoiceDate,Country,Lines,Quantity,Amount,Cancelled",
  "536365,17850,2010-12-01 08:26:00,United Kingdom,7,40,139.12,false",
  "536366,17850,2011-06-01 08:28:00,United Kingdom,2,12,22.2,false",
  "536414,,2010-12-01 11:52:00,United Kingdom,1,56,0,false",
  "C536379,14527,2010-12-01 09:41:00,United Kingdom,1,-1,-27.5,true",
  "543599,17560,2011-02-10 13:08:00,United Kingdom,1,16,0,false",
  "A563185,,2011-08-12 14:50:00,United Kingdom,1,1,11062.06,false",
  "536365,17850,2010-12-01 08:26:00,United Kingdom,7,40,139.12,false",
  "536367,13047,2010-12-31 25:00:00,United Kingdom,1,1,1.00,false",
  "",
].join("\n");

describe("createOrdersCsvImport with Online Retail's invoice file", () => {
  it("keeps invoices with a customer, not cancelled and above £0, on the UK clock", () => {
    const csvImport = createOrdersCsvImport({ shopCurrency: "GBP" });
    const first = csvImport.feed(FILE);
    const last = csvImport.end();
    expect(csvImport.format()).toBe("online-retail-invoices");
    const orders = [...first.orders, ...last.orders];
    expect(
      orders.map((order) => [
        order.orderKey,
        order.customer,
        order.createdAt.toISOString(),
        order.currency,
        order.totalMinor,
      ]),
    ).toEqual([
      [
        "online-retail:536365",
        { kind: "externalId", externalId: "17850" },
        "2010-12-01T08:26:00.000Z",
        "GBP",
        13912,
      ],
      // British Summer Time: 08:28 in London is 07:28 UTC
      [
        "online-retail:536366",
        { kind: "externalId", externalId: "17850" },
        "2011-06-01T07:28:00.000Z",
        "GBP",
        2220,
      ],
    ]);
    // The guest, the cancellation, the £0 invoice and the adjustment are left out by the cleaning rules
    expect(first.skippedRows + last.skippedRows).toBe(4);
    expect([...first.errors, ...last.errors]).toEqual([
      { line: 8, column: "InvoiceNo", message: "DUPLICATE_ORDER" },
      { line: 9, column: "InvoiceDate", message: "MALFORMED_DATE" },
    ]);
  });
});
