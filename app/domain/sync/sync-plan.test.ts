import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DesiredMetafield } from "./customer-metafields.ts";
import { digest64 } from "./digest.ts";
import {
  attributeUserErrors,
  isUpToDate,
  metafieldDigest,
  metafieldsOfBatch,
  METAFIELDS_PER_CALL,
  packIntoBatches,
  planCustomerSync,
  syncRunPercent,
  type CustomerSyncPlan,
} from "./sync-plan.ts";

const RANK: DesiredMetafield = {
  key: "rank",
  type: "json",
  value: '{"key":"gold"}',
};
const SEGMENT: DesiredMetafield = {
  key: "segment",
  type: "json",
  value: '{"key":"loyal","shopify_rfm_group":"LOYAL"}',
};
const ORDERS: DesiredMetafield = {
  key: "order_count",
  type: "number_integer",
  value: "3",
};
const DESIRED = [RANK, SEGMENT, ORDERS];
const GID = "gid://shopify/Customer/1";

describe("digest64", () => {
  it("is a fixed 16-digit hex digest of the text", () => {
    expect(digest64("")).toMatch(/^[0-9a-f]{16}$/);
    expect(digest64('{"key":"gold"}')).toBe(digest64('{"key":"gold"}'));
  });

  it("tells apart texts that differ in one character, their order or their type", () => {
    expect(digest64('{"key":"gold"}')).not.toBe(digest64('{"key":"golD"}'));
    expect(digest64("ab")).not.toBe(digest64("ba"));
    expect(
      metafieldDigest({
        key: "order_count",
        type: "number_integer",
        value: "3",
      }),
    ).not.toBe(
      metafieldDigest({ key: "order_count", type: "json", value: "3" }),
    );
  });

  it("gives distinct digests to many distinct values", () => {
    const values = Array.from({ length: 20_000 }, (_, index) =>
      JSON.stringify({ orders: index, spend: index * 7 }),
    );
    expect(new Set(values.map(digest64)).size).toBe(values.length);
  });
});

describe("planCustomerSync", () => {
  it("writes everything to a customer Kizuna has not written to yet", () => {
    const plan = planCustomerSync(GID, DESIRED, ["k:rank:gold"], null);
    expect(plan.metafields).toEqual(DESIRED);
    expect(plan.tagChange).toEqual({ add: ["k:rank:gold"], remove: [] });
    expect(plan.synced).toEqual({
      metafieldDigests: {
        rank: metafieldDigest(RANK),
        segment: metafieldDigest(SEGMENT),
        order_count: metafieldDigest(ORDERS),
      },
      tags: ["k:rank:gold"],
    });
    expect(isUpToDate(plan)).toBe(false);
  });

  it("writes nothing the second time", () => {
    const first = planCustomerSync(GID, DESIRED, ["k:rank:gold"], null);
    const second = planCustomerSync(
      GID,
      DESIRED,
      ["k:rank:gold"],
      first.synced,
    );
    expect(second.metafields).toEqual([]);
    expect(second.tagChange).toEqual({ add: [], remove: [] });
    expect(isUpToDate(second)).toBe(true);
    expect(second.synced).toEqual(first.synced);
  });

  it("writes only the metafields whose value changed", () => {
    const first = planCustomerSync(GID, DESIRED, [], null);
    const moreOrders = { ...ORDERS, value: "4" };
    const plan = planCustomerSync(
      GID,
      [RANK, SEGMENT, moreOrders],
      [],
      first.synced,
    );
    expect(plan.metafields).toEqual([moreOrders]);
    expect(plan.synced.metafieldDigests).toEqual({
      ...first.synced.metafieldDigests,
      order_count: metafieldDigest(moreOrders),
    });
  });

  it("takes away Kizuna's tags when tags are turned off, and writes no metafield for that", () => {
    const first = planCustomerSync(
      GID,
      DESIRED,
      ["k:rank:gold", "k:segment:loyal"],
      null,
    );
    const plan = planCustomerSync(GID, DESIRED, [], first.synced);
    expect(plan.metafields).toEqual([]);
    expect(plan.tagChange).toEqual({
      add: [],
      remove: ["k:rank:gold", "k:segment:loyal"],
    });
    expect(plan.synced.tags).toEqual([]);
  });

  it("after applying a plan, the next plan over the same facts is up to date", () => {
    const metafield = fc.record({
      key: fc.constantFrom("rank" as const),
      type: fc.constant("json" as const),
      value: fc.json(),
    });
    fc.assert(
      fc.property(
        fc.option(fc.array(metafield, { maxLength: 1 })),
        fc.array(metafield, { maxLength: 1 }),
        fc.uniqueArray(fc.string()),
        fc.uniqueArray(fc.string()),
        (before, now, tagsBefore, tagsNow) => {
          const stored =
            before === null
              ? null
              : planCustomerSync(GID, before, tagsBefore, null).synced;
          const plan = planCustomerSync(GID, now, tagsNow, stored);
          return isUpToDate(planCustomerSync(GID, now, tagsNow, plan.synced));
        },
      ),
    );
  });
});

const planWith = (customer: number, metafieldCount: number): CustomerSyncPlan =>
  planCustomerSync(
    `gid://shopify/Customer/${customer}`,
    Array.from({ length: metafieldCount }, (_, index) => ({
      key: "rank" as const,
      type: "json" as const,
      value: `{"n":${index}}`,
    })),
    [],
    null,
  );

describe("packIntoBatches", () => {
  it("fills calls up to 25 metafields without splitting a customer", () => {
    const plans = Array.from({ length: 14 }, (_, index) => planWith(index, 4));
    const batches = packIntoBatches(plans, (plan) => plan.metafields.length);
    expect(batches.map((batch) => batch.length)).toEqual([6, 6, 2]);
    expect(batches.map((batch) => metafieldsOfBatch(batch).length)).toEqual([
      24, 24, 8,
    ]);
  });

  it("lets tag-only customers ride along", () => {
    expect(
      packIntoBatches([3, 0, 0, 22, 1], (size) => size).map(
        (batch) => batch.length,
      ),
    ).toEqual([4, 1]);
  });

  it("refuses an item that can never fit", () => {
    expect(() => packIntoBatches([26], (size) => size)).toThrow();
  });

  it("keeps every item once, in order, and never exceeds the capacity", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: METAFIELDS_PER_CALL })),
        fc.integer({ min: METAFIELDS_PER_CALL, max: 60 }),
        (sizes, capacity) => {
          const batches = packIntoBatches(sizes, (size) => size, capacity);
          expect(batches.flat()).toEqual(sizes);
          for (const batch of batches)
            expect(
              batch.reduce((sum, size) => sum + size, 0),
            ).toBeLessThanOrEqual(capacity);
          // greedy: the next batch's first item would not have fitted in the batch before it
          for (let index = 1; index < batches.length; index++) {
            expect(
              batches[index - 1]!.reduce((sum, size) => sum + size, 0) +
                batches[index]![0]!,
            ).toBeGreaterThan(capacity);
          }
        },
      ),
    );
  });
});

describe("attributeUserErrors", () => {
  const batch = [planWith(1, 4), planWith(2, 4), planWith(3, 4)];

  it("blames the customer whose element Shopify names, by elementIndex or by field path", () => {
    const attributed = attributeUserErrors(batch, [
      {
        field: ["metafields", "5", "ownerId"],
        message: "Owner does not exist.",
        code: "INVALID",
        elementIndex: 5,
      },
      {
        field: ["metafields", "9", "value"],
        message: "Value is invalid JSON.",
        code: "INVALID_VALUE",
        elementIndex: null,
      },
      {
        field: ["metafields", "10", "value"],
        message: "A second error of the same customer",
        code: "INVALID_VALUE",
        elementIndex: 10,
      },
    ]);
    expect([...attributed.byCustomer]).toEqual([
      ["gid://shopify/Customer/2", "INVALID: Owner does not exist."],
      ["gid://shopify/Customer/3", "INVALID_VALUE: Value is invalid JSON."],
    ]);
    expect(attributed.unattributed).toEqual([]);
  });

  it("keeps apart errors that name no element or one outside the call", () => {
    const whole = {
      field: ["metafields"],
      message: "Exceeded the maximum metafields input limit of 25.",
      code: "LESS_THAN_OR_EQUAL_TO",
      elementIndex: null,
    };
    const outside = {
      field: null,
      message: "Odd",
      code: null,
      elementIndex: 99,
    };
    const attributed = attributeUserErrors(batch, [whole, outside]);
    expect(attributed.byCustomer.size).toBe(0);
    expect(attributed.unattributed).toEqual([whole, outside]);
  });
});

describe("syncRunPercent", () => {
  it.each<["running" | "completed" | "failed", number, number, number]>([
    ["running", 0, 0, 0],
    ["running", 250, 1000, 25],
    ["running", 1000, 1000, 99],
    ["completed", 0, 0, 100],
    ["failed", 500, 1000, 50],
    ["failed", 2000, 1000, 100],
  ])("%s with %i of %i done → %i", (status, done, total, expected) => {
    expect(syncRunPercent(status, done, total)).toBe(expected);
  });
});
