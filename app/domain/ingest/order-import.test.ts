import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { netRevenueMinor } from "../orders.ts";
import type { OrderFact } from "../orders.ts";
import type { ImportedOrder } from "./imported-order.ts";
import {
  checkShopCurrency,
  chooseCustomerByEmail,
  importedCustomerGid,
  importedCustomerState,
  importedOrderGid,
  planOrderWrite,
  toOrderFact,
} from "./order-import.ts";

function anImportedOrder(
  overrides: Partial<ImportedOrder> = {},
): ImportedOrder {
  return {
    orderKey: "shopify-export:#1001",
    orderGid: null,
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
    ...overrides,
  };
}

describe("importedOrderGid", () => {
  it.each([
    [
      "an export row with an Id",
      { orderGid: "gid://shopify/Order/5512345678901" },
      "gid://shopify/Order/5512345678901",
    ],
    [
      "an export row without an Id",
      {},
      "gid://kizuna/Order/shopify-export:%231001",
    ],
    [
      "a generic CSV order",
      { orderKey: "csv:A/100 x" },
      "gid://kizuna/Order/csv:A%2F100%20x",
    ],
    [
      "an Online Retail invoice",
      { orderKey: "online-retail:536365" },
      "gid://kizuna/Order/online-retail:536365",
    ],
    [
      "an order id that holds a colon",
      { orderKey: "csv:2024:17" },
      "gid://kizuna/Order/csv:2024%3A17",
    ],
  ])("names %s", (_label, overrides, gid) => {
    expect(importedOrderGid(anImportedOrder(overrides))).toBe(gid);
  });

  it("gives different orders of one file different GIDs", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(
          importedOrderGid(anImportedOrder({ orderKey: `csv:${a}` })),
        ).not.toBe(importedOrderGid(anImportedOrder({ orderKey: `csv:${b}` })));
      }),
    );
  });
});

describe("importedCustomerGid", () => {
  it("names a customer by the file's customer id", () => {
    expect(
      importedCustomerGid({ kind: "externalId", externalId: "17850" }),
    ).toBe("gid://kizuna/Customer/external:17850");
  });

  it("names a customer known by e-mail without spelling the address, whatever its case", () => {
    const gid = importedCustomerGid({
      kind: "email",
      email: "Hanako@Example.jp",
    });
    expect(gid).toBe(
      `gid://kizuna/Customer/email:${createHash("sha256").update("hanako@example.jp").digest("hex")}`,
    );
    expect(gid).not.toContain("hanako");
    expect(
      importedCustomerGid({ kind: "email", email: "hanako@example.jp" }),
    ).toBe(gid);
  });
});

describe("chooseCustomerByEmail", () => {
  it.each([
    ["no customer has the e-mail", [], null],
    [
      "one customer has it",
      ["gid://shopify/Customer/7"],
      "gid://shopify/Customer/7",
    ],
    [
      "Shopify's customer and an earlier import's have it",
      ["gid://kizuna/Customer/email:ab", "gid://shopify/Customer/9"],
      "gid://shopify/Customer/9",
    ],
    [
      "two Shopify customers have it",
      ["gid://shopify/Customer/9", "gid://shopify/Customer/10"],
      "gid://shopify/Customer/10",
    ],
  ])("picks the owner when %s", (_label, candidates, chosen) => {
    expect(chooseCustomerByEmail(candidates)).toBe(chosen);
  });

  it("picks the same customer in any order of candidates", () => {
    const gids = fc.array(
      fc.constantFrom(
        "gid://shopify/Customer/1",
        "gid://shopify/Customer/2",
        "gid://kizuna/Customer/email:a",
      ),
    );
    fc.assert(
      fc.property(gids, (candidates) => {
        expect(chooseCustomerByEmail([...candidates].reverse())).toBe(
          chooseCustomerByEmail(candidates),
        );
      }),
    );
  });
});

describe("importedCustomerState", () => {
  it("keeps the e-mail of a customer known by e-mail, and nothing for one known by id", () => {
    expect(
      importedCustomerState(
        { kind: "email", email: "hanako@example.jp" },
        "gid://kizuna/Customer/email:x",
      ).profile,
    ).toEqual({
      email: "hanako@example.jp",
      firstName: null,
      lastName: null,
      createdAt: null,
      updatedAt: null,
    });
    expect(
      importedCustomerState(
        { kind: "externalId", externalId: "9" },
        "gid://kizuna/Customer/external:9",
      ),
    ).toEqual({
      customerGid: "gid://kizuna/Customer/external:9",
      profile: null,
      emailConsent: null,
      deleted: false,
    });
  });
});

describe("toOrderFact", () => {
  it("maps an export order, its line items and its customer", () => {
    expect(toOrderFact(anImportedOrder(), "gid://shopify/Customer/7")).toEqual({
      orderGid: "gid://kizuna/Order/shopify-export:%231001",
      name: "#1001",
      customerGid: "gid://shopify/Customer/7",
      createdAt: new Date("2024-03-01T01:15:23Z"),
      updatedAt: new Date("2024-03-01T01:16:02Z"),
      processedAt: new Date("2024-03-01T01:16:02Z"),
      cancelledAt: null,
      test: false,
      financialStatus: "paid",
      currency: "JPY",
      presentmentCurrency: "JPY",
      totalMinor: 6000,
      presentmentTotalMinor: 6000,
      subtotalMinor: 5400,
      discountMinor: 0,
      taxMinor: 545,
      taxesIncluded: false,
      lineItems: [
        {
          lineItemGid: "gid://kizuna/LineItem/shopify-export:%231001:1",
          productGid: null,
          variantGid: null,
          title: "Matcha 100g",
          quantity: 2,
          priceMinor: 1800,
          discountMinor: 0,
        },
        {
          lineItemGid: "gid://kizuna/LineItem/shopify-export:%231001:2",
          productGid: null,
          variantGid: null,
          title: "Chasen, bamboo",
          quantity: 1,
          priceMinor: 1800,
          discountMinor: 200,
        },
      ],
      refunds: [],
    });
  });

  it("turns the refunded amount into one refund dated at the order's last known change", () => {
    const cancelledAt = new Date("2024-03-05T00:00:00Z");
    const fact = toOrderFact(
      anImportedOrder({ refundedMinor: 1800, cancelledAt }),
      null,
    );
    expect(fact.updatedAt).toEqual(cancelledAt);
    expect(fact.refunds).toEqual([
      {
        refundGid: "gid://kizuna/Refund/shopify-export:%231001",
        orderGid: "gid://kizuna/Order/shopify-export:%231001",
        createdAt: cancelledAt,
        amountMinor: 1800,
        presentmentAmountMinor: 1800,
      },
    ]);
    expect(netRevenueMinor(fact)).toBe(4200);
  });

  it("gives equal facts for the same row read twice", () => {
    expect(toOrderFact(anImportedOrder(), null)).toEqual(
      toOrderFact(anImportedOrder(), null),
    );
  });
});

describe("checkShopCurrency", () => {
  it("reports an order in another currency on the line of its first row", () => {
    expect(checkShopCurrency(anImportedOrder({ line: 7 }), "USD")).toEqual({
      line: 7,
      column: null,
      message: "NOT_SHOP_CURRENCY",
    });
    expect(checkShopCurrency(anImportedOrder(), "JPY")).toBeNull();
  });
});

describe("planOrderWrite", () => {
  const fact = toOrderFact(
    anImportedOrder({ refundedMinor: 500 }),
    "gid://kizuna/Customer/external:1",
  );

  it("creates an order Kizuna has not stored", () => {
    expect(planOrderWrite(null, fact)).toEqual({ kind: "create", order: fact });
  });

  it("changes nothing when the same order is imported again, however its stored copy was built", () => {
    const stored: OrderFact = structuredClone(fact);
    expect(planOrderWrite(stored, fact)).toEqual({ kind: "unchanged" });
  });

  it("leaves a newer copy from Shopify, with Shopify's own refunds, as it is", () => {
    const fromWebhook: OrderFact = {
      ...fact,
      updatedAt: new Date("2024-04-01T00:00:00Z"),
      financialStatus: "partially_refunded",
      refunds: [
        {
          refundGid: "gid://shopify/Refund/1",
          orderGid: fact.orderGid,
          createdAt: new Date("2024-03-20T00:00:00Z"),
          amountMinor: 500,
          presentmentAmountMinor: 500,
        },
      ],
    };
    expect(planOrderWrite(fromWebhook, fact)).toEqual({ kind: "unchanged" });
  });

  it("updates an order whose later export changed it", () => {
    const cancelled = toOrderFact(
      anImportedOrder({
        refundedMinor: 500,
        cancelledAt: new Date("2024-03-09T00:00:00Z"),
      }),
      "gid://kizuna/Customer/external:1",
    );
    expect(planOrderWrite(fact, cancelled)).toEqual({
      kind: "update",
      order: cancelled,
    });
  });

  it("lands an imported order on refunds that arrived before it, giving way to them", () => {
    const refund = {
      refundGid: "gid://shopify/Refund/1",
      orderGid: fact.orderGid,
      createdAt: new Date("2024-03-02T00:00:00Z"),
      amountMinor: 300,
      presentmentAmountMinor: 300,
    };
    const plan = planOrderWrite(
      { orderGid: fact.orderGid, awaitingOrder: true, refunds: [refund] },
      fact,
    );
    expect(plan).toEqual({
      kind: "update",
      order: { ...fact, refunds: [refund] },
    });
  });
});
