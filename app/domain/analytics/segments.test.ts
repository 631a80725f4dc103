import { describe, expect, it } from "vitest";
import type { RfmScoreValue } from "./rfm.ts";
import {
  RFM_SEGMENTS,
  assignSegment,
  nameSegment,
  shopifyRfmGroupFor,
  type RfmSegment,
} from "./segments.ts";

const SCORES: RfmScoreValue[] = [1, 2, 3, 4, 5];

describe("assignSegment", () => {
  it.each<[RfmScoreValue, RfmScoreValue, RfmSegment]>([
    [5, 5, "champions"],
    [5, 4, "champions"],
    [4, 5, "loyal"],
    [3, 4, "loyal"],
    [5, 2, "potentialLoyalists"],
    [4, 3, "potentialLoyalists"],
    [5, 1, "new"],
    [4, 1, "promising"],
    [3, 3, "needAttention"],
    [3, 1, "aboutToSleep"],
    [3, 2, "aboutToSleep"],
    [2, 3, "atRisk"],
    [1, 4, "atRisk"],
    [2, 5, "cantLoseThem"],
    [1, 5, "cantLoseThem"],
    [2, 1, "hibernating"],
    [2, 2, "hibernating"],
    [1, 1, "lost"],
    [1, 2, "lost"],
  ])("puts R%i F%i in %s", (recency, frequency, segment) => {
    expect(assignSegment({ recency, frequency, monetary: 1 })).toBe(segment);
  });

  it("covers every R × F cell and uses all eleven segments", () => {
    const used = new Set<RfmSegment>();
    for (const recency of SCORES) {
      for (const frequency of SCORES) {
        const segment = assignSegment({ recency, frequency, monetary: 3 });
        expect(Object.keys(RFM_SEGMENTS)).toContain(segment);
        used.add(segment);
      }
    }
    expect(used.size).toBe(11);
  });

  it.each<[RfmScoreValue, RfmScoreValue, RfmSegment]>([
    [1, 1, "new"],
    [1, 2, "potentialLoyalists"],
    [4, 5, "champions"],
    [5, 3, "champions"],
  ])(
    "uses the mean of F%i and M%i rounded half up on the frequency-monetary axis (R5 → %s)",
    (frequency, monetary, segment) => {
      expect(
        assignSegment({ recency: 5, frequency, monetary }, "frequencyMonetary"),
      ).toBe(segment);
    },
  );
});

describe("shopifyRfmGroupFor", () => {
  it.each<[RfmSegment, string]>([
    ["champions", "CHAMPIONS"],
    ["loyal", "LOYAL"],
    ["potentialLoyalists", "ACTIVE"],
    ["new", "NEW"],
    ["promising", "PROMISING"],
    ["needAttention", "NEEDS_ATTENTION"],
    ["aboutToSleep", "ALMOST_LOST"],
    ["atRisk", "AT_RISK"],
    ["cantLoseThem", "PREVIOUSLY_LOYAL"],
    ["hibernating", "DORMANT"],
    ["lost", "DORMANT"],
  ])("maps %s to Shopify's %s", (segment, group) => {
    expect(shopifyRfmGroupFor(segment)).toBe(group);
  });
});

describe("nameSegment", () => {
  it.each<[RfmSegment, string, string]>([
    ["cantLoseThem", "Can't lose them", "手放せない顧客"],
    ["potentialLoyalists", "Potential loyalists", "ロイヤル候補"],
    ["lost", "Lost", "離脱顧客"],
  ])("names %s in English and Japanese", (segment, en, ja) => {
    expect([nameSegment(segment, "en"), nameSegment(segment, "ja")]).toEqual([
      en,
      ja,
    ]);
  });
});
