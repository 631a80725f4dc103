import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RANK_POLICY } from "../analytics/ranks/default-rank-policy.ts";
import type { RankPolicy } from "../analytics/ranks/rank-policy.ts";
import {
  CUSTOMER_METAFIELD_DEFINITIONS,
  describeCustomerMetafields,
  isShopifyCustomerGid,
  type CustomerSyncFacts,
} from "./customer-metafields.ts";

const SPEND_POLICY: RankPolicy = {
  ...DEFAULT_RANK_POLICY,
  ranks: [
    {
      key: "regular",
      name: { en: "Regular", ja: "レギュラー" },
      color: "#8C9196",
      combine: "any",
    },
    {
      key: "gold",
      name: { en: "Gold", ja: "ゴールド" },
      color: "#C9A227",
      minNetSpendMinor: 30_000,
      combine: "any",
    },
    {
      key: "platinum",
      name: { en: "Platinum", ja: "プラチナ" },
      color: "#5C6AC4",
      minNetSpendMinor: 100_000,
      minOrders: 5,
      combine: "all",
    },
  ],
};

const GOLD_CUSTOMER: CustomerSyncFacts = {
  customerGid: "gid://shopify/Customer/7",
  orderCount: 3,
  segment: "potentialLoyalists",
  shopifyRfmGroup: "ACTIVE",
  rankKey: "gold",
  rankSince: "2026-06-02",
  pendingRankKey: null,
  pendingRankOn: null,
  nextRankKey: "platinum",
  nextRankGapSpendMinor: 12_000,
  nextRankGapOrders: 2,
  keepRankGapSpendMinor: 0,
  keepRankGapOrders: null,
  keepRankReviewOn: "2027-01-01",
  keepRankOrderByOn: "2026-12-31",
};

const valuesOf = (
  facts: CustomerSyncFacts,
  policy = SPEND_POLICY,
  currency = "JPY",
) =>
  Object.fromEntries(
    describeCustomerMetafields(facts, policy, currency).map((metafield) => [
      metafield.key,
      { type: metafield.type, value: JSON.parse(metafield.value) as unknown },
    ]),
  );

describe("describeCustomerMetafields", () => {
  it("gives a Gold customer the badge, the way to Platinum and what keeps Gold", () => {
    expect(valuesOf(GOLD_CUSTOMER)).toEqual({
      rank: {
        type: "json",
        value: {
          key: "gold",
          name: { en: "Gold", ja: "ゴールド" },
          color: "#C9A227",
          position: 1,
          since: "2026-06-02",
        },
      },
      segment: {
        type: "json",
        value: { key: "potentialLoyalists", shopify_rfm_group: "ACTIVE" },
      },
      progress: {
        type: "json",
        value: {
          currency: "JPY",
          next: {
            key: "platinum",
            name: { en: "Platinum", ja: "プラチナ" },
            spend_to_go_minor: 12_000,
            orders_to_go: 2,
            combine: "all",
          },
          keep: {
            spend_to_go_minor: 0,
            orders_to_go: null,
            review_on: "2027-01-01",
            order_by_on: "2026-12-31",
          },
          pending: null,
        },
      },
      order_count: { type: "number_integer", value: 3 },
    });
  });

  it("has no next rank at the top, nothing to keep at the bottom, and shows a rank-up waiting for its confirmation", () => {
    const top = valuesOf({
      ...GOLD_CUSTOMER,
      rankKey: "platinum",
      nextRankKey: null,
      nextRankGapSpendMinor: null,
      nextRankGapOrders: null,
    });
    expect(top.progress!.value).toMatchObject({ next: null });
    const newcomer = valuesOf({
      ...GOLD_CUSTOMER,
      orderCount: 1,
      segment: null,
      shopifyRfmGroup: "NEW",
      rankKey: "regular",
      rankSince: null,
      pendingRankKey: "gold",
      pendingRankOn: "2026-12-05",
      nextRankKey: "gold",
      nextRankGapSpendMinor: 0,
      nextRankGapOrders: null,
      keepRankGapSpendMinor: null,
      keepRankGapOrders: null,
      keepRankReviewOn: null,
      keepRankOrderByOn: null,
    });
    expect(newcomer.rank!.value).toEqual({
      key: "regular",
      name: { en: "Regular", ja: "レギュラー" },
      color: "#8C9196",
      position: 0,
      since: null,
    });
    expect(newcomer.segment!.value).toEqual({
      key: null,
      shopify_rfm_group: "NEW",
    });
    expect(newcomer.progress!.value).toEqual({
      currency: "JPY",
      next: {
        key: "gold",
        name: { en: "Gold", ja: "ゴールド" },
        spend_to_go_minor: 0,
        orders_to_go: null,
        combine: "any",
      },
      keep: null,
      pending: { key: "gold", on: "2026-12-05" },
    });
    expect(newcomer.order_count!.value).toBe(1);
  });

  it("names a rank the rules no longer have by its key until the recompute moves the customer", () => {
    const stale = valuesOf({
      ...GOLD_CUSTOMER,
      rankKey: "diamond",
      nextRankKey: null,
    });
    expect(stale.rank!.value).toEqual({
      key: "diamond",
      name: { en: "diamond", ja: "diamond" },
      color: null,
      position: null,
      since: "2026-06-02",
    });
  });

  it("carries the store currency and changes the rank's text when the merchant renames it", () => {
    expect(
      valuesOf(GOLD_CUSTOMER, SPEND_POLICY, "USD").progress!.value,
    ).toMatchObject({ currency: "USD" });
    const renamed: RankPolicy = {
      ...SPEND_POLICY,
      ranks: SPEND_POLICY.ranks.map((rank) =>
        rank.key === "gold"
          ? { ...rank, name: { en: "Gold+", ja: "ゴールド+" } }
          : rank,
      ),
    };
    const before = describeCustomerMetafields(
      GOLD_CUSTOMER,
      SPEND_POLICY,
      "JPY",
    );
    const after = describeCustomerMetafields(GOLD_CUSTOMER, renamed, "JPY");
    expect(
      after.map(
        (metafield) =>
          metafield.value ===
          before.find((other) => other.key === metafield.key)!.value,
      ),
    ).toEqual([false, true, true, true]);
  });

  it("gives one metafield per definition, in definition order, with the definition's type, and the same text for the same facts", () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.constantFrom("regular", "gold", "platinum"),
        fc.option(fc.nat(1_000_000)),
        fc.option(fc.constantFrom("champions", "lost", "new")),
        (orderCount, rankKey, gap, segment) => {
          const facts = {
            ...GOLD_CUSTOMER,
            orderCount,
            rankKey,
            nextRankGapSpendMinor: gap,
            segment,
          };
          const metafields = describeCustomerMetafields(
            facts,
            SPEND_POLICY,
            "JPY",
          );
          expect(metafields.map(({ key, type }) => ({ key, type }))).toEqual(
            CUSTOMER_METAFIELD_DEFINITIONS.map(({ key, type }) => ({
              key,
              type,
            })),
          );
          expect(
            describeCustomerMetafields({ ...facts }, SPEND_POLICY, "JPY"),
          ).toEqual(metafields);
          for (const metafield of metafields)
            if (metafield.type === "json") JSON.parse(metafield.value);
        },
      ),
    );
  });
});

describe("isShopifyCustomerGid", () => {
  it.each([
    ["gid://shopify/Customer/123", true],
    ["gid://kizuna/Customer/external:C-1", false],
    ["gid://kizuna/Customer/email:0f3a", false],
    ["gid://shopify/Order/123", false],
    ["gid://shopify/Customer/", false],
  ])("%s → %s", (gid, expected) => {
    expect(isShopifyCustomerGid(gid)).toBe(expected);
  });
});
