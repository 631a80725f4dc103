import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCdnowImport, looksLikeCdnow } from "./cdnow.ts";
import type { OrdersCsvBatch } from "./imported-order.ts";

const MASTER = [
  " customer_id  date number_of_cds  dollar_value",
  " 00001 19970101  1   11.77",
  " 00002 19970112  1   12.00",
  " 00002 19970112  5   77.00",
  " 00003 19970102  2   20.76",
  "",
].join("\r\n");

function importAll(chunks: readonly string[]) {
  const cdnow = createCdnowImport();
  const batches: OrdersCsvBatch[] = [
    ...chunks.map((chunk) => cdnow.feed(chunk)),
    cdnow.end(),
  ];
  return {
    format: cdnow.format(),
    orders: batches.flatMap((batch) => batch.orders),
    errors: batches.flatMap((batch) => batch.errors),
  };
}

describe("looksLikeCdnow", () => {
  it.each([
    [" customer_id  date number_of_cds  dollar_value\r", true],
    [" 00001 19970101  1   11.77\r", true],
    [" 00004 0001 19970101  2   29.33", true],
    ["customer_id,order_id,date,amount", false],
    ["17850 2010-12-01 6 15.30", false],
    [" 00001 1997011  1   11.77", false],
    [" 00001 19970101  1", false],
    ["", false],
  ])("%j → %s", (line, expected) => {
    expect(looksLikeCdnow(line)).toBe(expected);
  });
});

describe("createCdnowImport", () => {
  it("reads the master layout after its header: one USD order per line at midnight UTC", () => {
    const { format, orders, errors } = importAll([MASTER]);
    expect(format).toBe("cdnow");
    expect(errors).toEqual([]);
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
        "cdnow:2",
        { kind: "externalId", externalId: "00001" },
        "1997-01-01T00:00:00.000Z",
        "USD",
        1177,
      ],
      [
        "cdnow:3",
        { kind: "externalId", externalId: "00002" },
        "1997-01-12T00:00:00.000Z",
        "USD",
        1200,
      ],
      [
        "cdnow:4",
        { kind: "externalId", externalId: "00002" },
        "1997-01-12T00:00:00.000Z",
        "USD",
        7700,
      ],
      [
        "cdnow:5",
        { kind: "externalId", externalId: "00003" },
        "1997-01-02T00:00:00.000Z",
        "USD",
        2076,
      ],
    ]);
  });

  it("names the customer by the master id in the sample layout", () => {
    const { orders } = importAll([
      " 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n",
    ]);
    expect(
      orders.map((order) => [order.orderKey, order.customer, order.totalMinor]),
    ).toEqual([
      ["cdnow:1", { kind: "externalId", externalId: "00004" }, 2933],
      ["cdnow:2", { kind: "externalId", externalId: "00004" }, 2973],
    ]);
  });

  it("reads the same orders however the text is split into chunks", () => {
    const whole = importAll([MASTER]);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: MASTER.length - 1 }), {
          maxLength: 8,
        }),
        (cuts) => {
          const points = [0, ...[...cuts].sort((a, b) => a - b), MASTER.length];
          const chunks = points
            .slice(1)
            .map((end, index) => MASTER.slice(points[index], end));
          expect(importAll(chunks)).toEqual(whole);
        },
      ),
    );
  });

  it.each([
    [" 0000A 19970101  1   11.77", "customer_id", "MALFORMED_ID"],
    [" 00001 19970231  1   11.77", "date", "MALFORMED_DATE"],
    [" 00001 19970101  -1   11.77", "number_of_cds", "MALFORMED_QUANTITY"],
    [" 00001 19970101  1   11.7x", "dollar_value", "MALFORMED_AMOUNT"],
    [" 00001 19970101  1   11.777", "dollar_value", "MALFORMED_AMOUNT"],
    [" 00001 19970101  1   11.77  9", null, "WRONG_FIELD_COUNT"],
  ])(
    "reports %j by line and column and keeps going",
    (bad, column, message) => {
      const { orders, errors } = importAll([
        ` 00009 19970301  1   1.00\r\n${bad}\r\n 00009 19970302  1   2.00\r\n`,
      ]);
      expect(errors).toEqual([{ line: 2, column, message }]);
      expect(orders.map((order) => order.orderKey)).toEqual([
        "cdnow:1",
        "cdnow:3",
      ]);
    },
  );

  it("reports a malformed sample id", () => {
    const { errors } = importAll([" 00004 000X 19970101  1   11.77\r\n"]);
    expect(errors).toEqual([
      { line: 1, column: "sample_id", message: "MALFORMED_ID" },
    ]);
  });

  it("holds a file's layout: a line with the other layout's field count is bad", () => {
    const { orders, errors } = importAll([
      " 00001 19970101  1   11.77\n 00004 0001 19970101  2   29.33\n",
    ]);
    expect(orders).toHaveLength(1);
    expect(errors).toEqual([
      { line: 2, column: null, message: "WRONG_FIELD_COUNT" },
    ]);
  });

  it("knows no format for an empty file", () => {
    expect(importAll(["\r\n"]).format).toBeNull();
  });
});
