// What Kizuna keeps in each Shopify customer for the storefront (product.md §4): app-owned
// metafields in the `$app:kizuna` namespace that theme app extension blocks read in Liquid, so a
// rank badge or a rank-aware message costs the storefront no request. The shapes are a contract with
// the theme extension, documented in docs/storefront-metafields.md; change both together.
import type { RankPolicy } from "../analytics/ranks/rank-policy.ts";

/** Shopify stores it as `app--<app id>--kizuna`; Liquid reads `customer.metafields["$app:kizuna"]`. */
export const METAFIELD_NAMESPACE = "$app:kizuna";

export type CustomerMetafieldKey =
  "rank" | "segment" | "progress" | "order_count";

export type MetafieldType = "json" | "number_integer";

export type CustomerMetafieldDefinition = {
  readonly key: CustomerMetafieldKey;
  readonly type: MetafieldType;
  /** Shown to the merchant on the customer page in Shopify admin. */
  readonly name: string;
  readonly description: string;
};

/** Created at install with storefront PUBLIC_READ, so Liquid can read the values. */
export const CUSTOMER_METAFIELD_DEFINITIONS: readonly CustomerMetafieldDefinition[] =
  [
    {
      key: "rank",
      type: "json",
      name: "Kizuna rank",
      description:
        "The customer's rank: key, English and Japanese name, colour, position and since when.",
    },
    {
      key: "segment",
      type: "json",
      name: "Kizuna segment",
      description:
        "The customer's RFM segment and the matching Shopify RFM group.",
    },
    {
      key: "progress",
      type: "json",
      name: "Kizuna rank progress",
      description:
        "What the customer still needs for the next rank and to keep this rank, in minor units of the store currency.",
    },
    {
      key: "order_count",
      type: "number_integer",
      name: "Kizuna order count",
      description: "Orders that count towards the customer's rank and segment.",
    },
  ];

/** A metafield as Kizuna wants it on the customer: the value is the exact text sent to Shopify. */
export type DesiredMetafield = {
  readonly key: CustomerMetafieldKey;
  readonly type: MetafieldType;
  readonly value: string;
};

/** The columns of a customer's stored analytics (CustomerAnalytics) the metafields are made of. */
export type CustomerSyncFacts = {
  readonly customerGid: string;
  readonly orderCount: number;
  readonly segment: string | null;
  readonly shopifyRfmGroup: string;
  readonly rankKey: string;
  readonly rankSince: string | null;
  readonly pendingRankKey: string | null;
  readonly pendingRankOn: string | null;
  readonly nextRankKey: string | null;
  readonly nextRankGapSpendMinor: number | null;
  readonly nextRankGapOrders: number | null;
  readonly keepRankGapSpendMinor: number | null;
  readonly keepRankGapOrders: number | null;
  readonly keepRankReviewOn: string | null;
  readonly keepRankOrderByOn: string | null;
};

type RankView = {
  key: string;
  name: { en: string; ja: string };
  color: string | null;
  position: number | null;
};

/**
 * A rank as the storefront shows it. A key the policy no longer has (a row not yet re-ranked after
 * the merchant removed its rank) keeps its key as its name until the recompute moves it.
 */
function viewRank(policy: RankPolicy, rankKey: string): RankView {
  const position = policy.ranks.findIndex((rank) => rank.key === rankKey);
  const rank = policy.ranks[position];
  if (rank === undefined)
    return {
      key: rankKey,
      name: { en: rankKey, ja: rankKey },
      color: null,
      position: null,
    };
  return {
    key: rank.key,
    name: { en: rank.name.en, ja: rank.name.ja },
    color: rank.color,
    position,
  };
}

/**
 * The four metafields of one customer, in definition order. Every value is built field by field in a
 * fixed order, so the same facts always give the same text (and the same digest).
 */
export function describeCustomerMetafields(
  facts: CustomerSyncFacts,
  policy: RankPolicy,
  currency: string,
): DesiredMetafield[] {
  const rank = viewRank(policy, facts.rankKey);
  const next =
    facts.nextRankKey === null ? null : viewRank(policy, facts.nextRankKey);
  const combine =
    policy.ranks.find((candidate) => candidate.key === facts.nextRankKey)
      ?.combine ?? "any";
  const progress = {
    currency,
    next:
      next === null
        ? null
        : {
            key: next.key,
            name: next.name,
            spend_to_go_minor: facts.nextRankGapSpendMinor,
            orders_to_go: facts.nextRankGapOrders,
            combine,
          },
    keep:
      facts.keepRankReviewOn === null
        ? null
        : {
            spend_to_go_minor: facts.keepRankGapSpendMinor,
            orders_to_go: facts.keepRankGapOrders,
            review_on: facts.keepRankReviewOn,
            order_by_on: facts.keepRankOrderByOn,
          },
    pending:
      facts.pendingRankKey === null
        ? null
        : { key: facts.pendingRankKey, on: facts.pendingRankOn },
  };
  return [
    {
      key: "rank",
      type: "json",
      value: JSON.stringify({ ...rank, since: facts.rankSince }),
    },
    {
      key: "segment",
      type: "json",
      value: JSON.stringify({
        key: facts.segment,
        shopify_rfm_group: facts.shopifyRfmGroup,
      }),
    },
    { key: "progress", type: "json", value: JSON.stringify(progress) },
    {
      key: "order_count",
      type: "number_integer",
      value: String(facts.orderCount),
    },
  ];
}

/** Only Shopify's own customers can carry metafields; CSV imports name some `gid://kizuna/Customer/…`. */
export function isShopifyCustomerGid(customerGid: string): boolean {
  return /^gid:\/\/shopify\/Customer\/\d+$/.test(customerGid);
}
