// Named RFM segments (product.md §2) on the R × F(M) grid, after the widely used 5×5 segment map
// (Champions … Lost), and the suggested correspondence to Shopify's `rfm_group` values
// (shopify-platform.md §12: our judgement, Shopify does not publish how it scores).
import type { RfmScore, RfmScoreValue } from "./rfm.ts";

export type RfmSegment =
  | "champions"
  | "loyal"
  | "potentialLoyalists"
  | "new"
  | "promising"
  | "needAttention"
  | "aboutToSleep"
  | "atRisk"
  | "cantLoseThem"
  | "hibernating"
  | "lost";

export type ShopifyRfmGroup =
  | "CHAMPIONS"
  | "LOYAL"
  | "ACTIVE"
  | "NEEDS_ATTENTION"
  | "NEW"
  | "PROMISING"
  | "AT_RISK"
  | "PREVIOUSLY_LOYAL"
  | "ALMOST_LOST"
  | "DORMANT"
  | "PROSPECTS";

/** Which score forms the grid's second axis: F alone, or the mean of F and M rounded half up. */
export type SegmentAxis = "frequency" | "frequencyMonetary";

type SegmentInfo = {
  readonly en: string;
  readonly ja: string;
  readonly shopifyRfmGroup: ShopifyRfmGroup;
};

export const RFM_SEGMENTS: Readonly<Record<RfmSegment, SegmentInfo>> = {
  champions: { en: "Champions", ja: "優良顧客", shopifyRfmGroup: "CHAMPIONS" },
  loyal: { en: "Loyal", ja: "ロイヤル顧客", shopifyRfmGroup: "LOYAL" },
  potentialLoyalists: {
    en: "Potential loyalists",
    ja: "ロイヤル候補",
    shopifyRfmGroup: "ACTIVE",
  },
  new: { en: "New", ja: "新規顧客", shopifyRfmGroup: "NEW" },
  promising: { en: "Promising", ja: "有望顧客", shopifyRfmGroup: "PROMISING" },
  needAttention: {
    en: "Need attention",
    ja: "要注意顧客",
    shopifyRfmGroup: "NEEDS_ATTENTION",
  },
  aboutToSleep: {
    en: "About to sleep",
    ja: "休眠予備軍",
    shopifyRfmGroup: "ALMOST_LOST",
  },
  atRisk: { en: "At risk", ja: "離反リスク顧客", shopifyRfmGroup: "AT_RISK" },
  cantLoseThem: {
    en: "Can't lose them",
    ja: "手放せない顧客",
    shopifyRfmGroup: "PREVIOUSLY_LOYAL",
  },
  hibernating: {
    en: "Hibernating",
    ja: "休眠顧客",
    shopifyRfmGroup: "DORMANT",
  },
  lost: { en: "Lost", ja: "離脱顧客", shopifyRfmGroup: "DORMANT" },
};

/** Shopify's group for customers with no orders, who have no RFM score and so no segment. */
export const SHOPIFY_RFM_GROUP_WITHOUT_ORDERS: ShopifyRfmGroup = "PROSPECTS";

// Rows are R = 5 … 1 (most recent first), columns F(M) = 1 … 5.
const GRID: readonly (readonly RfmSegment[])[] = [
  ["new", "potentialLoyalists", "potentialLoyalists", "champions", "champions"],
  ["promising", "potentialLoyalists", "potentialLoyalists", "loyal", "loyal"],
  ["aboutToSleep", "aboutToSleep", "needAttention", "loyal", "loyal"],
  ["hibernating", "hibernating", "atRisk", "atRisk", "cantLoseThem"],
  ["lost", "lost", "atRisk", "atRisk", "cantLoseThem"],
];

function gridColumnScore(score: RfmScore, axis: SegmentAxis): RfmScoreValue {
  if (axis === "frequency") return score.frequency;
  return Math.round((score.frequency + score.monetary) / 2) as RfmScoreValue;
}

export function assignSegment(
  score: RfmScore,
  axis: SegmentAxis = "frequency",
): RfmSegment {
  const row = GRID[5 - score.recency] as readonly RfmSegment[];
  return row[gridColumnScore(score, axis) - 1] as RfmSegment;
}

export function shopifyRfmGroupFor(segment: RfmSegment): ShopifyRfmGroup {
  return RFM_SEGMENTS[segment].shopifyRfmGroup;
}

export function nameSegment(segment: RfmSegment, locale: "en" | "ja"): string {
  return RFM_SEGMENTS[segment][locale];
}
