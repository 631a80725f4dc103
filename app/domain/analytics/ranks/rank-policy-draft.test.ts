import { describe, expect, it } from "vitest";
import { readRankPolicyDraft } from "./rank-policy-draft.ts";
import { buildThreeRankPolicy } from "./rank-policy.fixture.ts";

const { version: _version, ...DRAFT } = buildThreeRankPolicy();

describe("readRankPolicyDraft", () => {
  it("reads a valid draft as it was sent", () => {
    expect(readRankPolicyDraft(JSON.parse(JSON.stringify(DRAFT)), 2)).toEqual({
      ok: true,
      draft: DRAFT,
    });
  });

  it.each([
    ["not an object", "gold", [{ field: "", code: "SHAPE_INVALID" }]],
    [
      "a threshold written as text",
      {
        ...DRAFT,
        ranks: [DRAFT.ranks[0], { ...DRAFT.ranks[1], minOrders: "2" }],
      },
      [{ field: "ranks.1.minOrders", code: "SHAPE_INVALID" }],
    ],
    [
      "an unknown window",
      { ...DRAFT, window: { kind: "fiscal_year" } },
      [{ field: "window.kind", code: "SHAPE_INVALID" }],
    ],
  ])("reports %s by field", (_label, input, errors) => {
    expect(readRankPolicyDraft(input, 2)).toEqual({ ok: false, errors });
  });

  it("reports the rule problems of a well-formed draft with their fields", () => {
    const input = {
      ...DRAFT,
      ranks: [
        DRAFT.ranks[0],
        { ...DRAFT.ranks[1], minNetSpendMinor: 60_000 },
        DRAFT.ranks[2],
      ],
      downgradeReviewDates: ["02-29"],
    };
    expect(readRankPolicyDraft(input, 2)).toEqual({
      ok: false,
      errors: [
        { field: "ranks.2.minNetSpendMinor", code: "THRESHOLD_NOT_INCREASING" },
        { field: "downgradeReviewDates.0", code: "REVIEW_DATE_INVALID" },
      ],
    });
  });
});
