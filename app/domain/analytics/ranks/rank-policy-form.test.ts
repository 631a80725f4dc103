import { describe, expect, it } from "vitest";
import { DEFAULT_RANK_POLICY } from "./default-rank-policy.ts";
import { readRankPolicyDraft } from "./rank-policy-draft.ts";
import {
  toRankForm,
  toRankPolicyInput,
  type RankForm,
} from "./rank-policy-form.ts";
import { buildThreeRankPolicy } from "./rank-policy.fixture.ts";

const { version: _version, ...DEFAULT_DRAFT } = DEFAULT_RANK_POLICY;

describe("toRankForm and toRankPolicyInput", () => {
  it.each([
    ["the default policy in yen", DEFAULT_DRAFT, "JPY"],
    [
      "a spend policy in dollars",
      (({ version: _v, ...draft }) => draft)(buildThreeRankPolicy()),
      "USD",
    ],
  ])("reads %s back unchanged", (_name, draft, currency) => {
    const read = readRankPolicyDraft(
      toRankPolicyInput(toRankForm(draft, currency), currency),
      2,
    );
    expect(read).toEqual({ ok: true, draft });
  });

  it("writes amounts in the currency's major unit", () => {
    const policy = buildThreeRankPolicy();
    const form = toRankForm(policy, "USD");
    const spends = form.ranks.map((row) => row.minNetSpend);
    expect(
      spends.every((text) => text === "" || /^\d+\.\d{2}$/.test(text)),
    ).toBe(true);
    expect(
      toRankForm(policy, "JPY").ranks.map((row) => row.minNetSpend),
    ).toEqual(
      policy.ranks.map((rank) =>
        rank.minNetSpendMinor === undefined
          ? ""
          : String(rank.minNetSpendMinor),
      ),
    );
  });

  it("reads typed amounts with separators, leaves empty thresholds out, and keeps months across window kinds", () => {
    const form: RankForm = {
      ...toRankForm(DEFAULT_DRAFT, "JPY"),
      ranks: [
        {
          key: "regular",
          nameEn: "Regular",
          nameJa: "レギュラー",
          color: "#8C9196",
          minNetSpend: "",
          minOrders: "",
          combine: "any",
        },
        {
          key: "gold",
          nameEn: "Gold",
          nameJa: "ゴールド",
          color: "#C9A227",
          minNetSpend: "30,000",
          minOrders: " ",
          combine: "any",
        },
      ],
      windowKind: "calendar_year",
      windowMonths: "6",
    };
    const input = toRankPolicyInput(form, "JPY") as {
      ranks: unknown[];
      window: unknown;
    };
    expect(input.ranks[1]).toEqual({
      key: "gold",
      name: { en: "Gold", ja: "ゴールド" },
      color: "#C9A227",
      minNetSpendMinor: 30_000,
      combine: "any",
    });
    expect(input.window).toEqual({ kind: "calendar_year" });
    expect(
      toRankPolicyInput({ ...form, windowKind: "rolling_months" }, "JPY"),
    ).toMatchObject({ window: { kind: "rolling_months", months: 6 } });
  });

  it("passes text that is not a number through, so the draft reader reports it on its field", () => {
    const form: RankForm = {
      ...toRankForm(DEFAULT_DRAFT, "USD"),
      confirmationDelayDays: "two weeks",
    };
    const withBadAmount = {
      ...form,
      ranks: form.ranks.map((row, index) =>
        index === 2 ? { ...row, minNetSpend: "12.345" } : row,
      ),
    };
    const read = readRankPolicyDraft(
      toRankPolicyInput(withBadAmount, "USD"),
      2,
    );
    expect(read.ok).toBe(false);
    expect(
      read.ok ? [] : read.errors.map((error) => [error.field, error.code]),
    ).toEqual([
      ["ranks.2.minNetSpendMinor", "SHAPE_INVALID"],
      ["confirmationDelayDays", "SHAPE_INVALID"],
    ]);
  });
});
