// The rank editor's fields (product.md §2, §5 "tier editor"): a rank policy as the text a merchant
// types (amounts in the shop currency's major unit, empty for no threshold) and back into the input
// readRankPolicyDraft reads. Text that is not a number goes through as text, so the draft reader
// reports it on its field instead of the editor guessing.
import {
  currencyExponent,
  formatMinorAsDecimal,
  parseDecimalToMinor,
} from "../../money.ts";
import type { RankPolicyDraft } from "./rank-policy-draft.ts";
import type { RankDefinition, RankPolicy, RankWindow } from "./rank-policy.ts";

export type RankFormRow = {
  readonly key: string;
  readonly nameEn: string;
  readonly nameJa: string;
  readonly color: string;
  /** In the currency's major unit ("12000", "120.50"); empty for no threshold. */
  readonly minNetSpend: string;
  readonly minOrders: string;
  readonly combine: RankDefinition["combine"];
};

export type RankForm = {
  readonly ranks: readonly RankFormRow[];
  readonly basis: RankPolicy["basis"];
  readonly windowKind: RankWindow["kind"];
  /** Kept while another window kind is chosen, so switching back loses nothing. */
  readonly windowMonths: string;
  readonly confirmationDelayDays: string;
  readonly reviewDates: readonly string[];
  readonly inactivityEnabled: boolean;
  readonly inactivityMonths: string;
  readonly refundDowngrade: RankPolicy["refundDowngrade"];
};

/** Months shown for a window or an inactivity rule that has none yet. */
const DEFAULT_MONTHS = "12";

export function toRankForm(
  policy: RankPolicyDraft,
  currencyCode: string,
): RankForm {
  const decimals = currencyExponent(currencyCode) !== null;
  return {
    ranks: policy.ranks.map((rank) => ({
      key: rank.key,
      nameEn: rank.name.en,
      nameJa: rank.name.ja,
      color: rank.color,
      minNetSpend:
        rank.minNetSpendMinor === undefined
          ? ""
          : decimals
            ? formatMinorAsDecimal(rank.minNetSpendMinor, currencyCode)
            : String(rank.minNetSpendMinor),
      minOrders: rank.minOrders === undefined ? "" : String(rank.minOrders),
      combine: rank.combine,
    })),
    basis: policy.basis,
    windowKind: policy.window.kind,
    windowMonths:
      policy.window.kind === "rolling_months"
        ? String(policy.window.months)
        : DEFAULT_MONTHS,
    confirmationDelayDays: String(policy.confirmationDelayDays),
    reviewDates: [...policy.downgradeReviewDates],
    inactivityEnabled: policy.inactivityStepDown !== null,
    inactivityMonths:
      policy.inactivityStepDown === null
        ? DEFAULT_MONTHS
        : String(policy.inactivityStepDown.months),
    refundDowngrade: policy.refundDowngrade,
  };
}

/** A whole number typed in a field ("1,000" too), or the text itself when it is not one. */
function readWholeNumber(text: string): number | string {
  const compact = text.replace(/[,\s]/g, "");
  return /^\d+$/.test(compact) ? Number(compact) : text;
}

/**
 * An amount in the currency's major unit as minor units, or the text itself when it is not one; in
 * minor units as typed while the shop's currency is not known yet.
 */
function readAmount(text: string, currencyCode: string): number | string {
  if (currencyExponent(currencyCode) === null) return readWholeNumber(text);
  const parsed = parseDecimalToMinor(text.replace(/[,\s]/g, ""), currencyCode);
  return parsed.ok ? parsed.money.minor : text;
}

/** The editor's fields as the input of readRankPolicyDraft (the version is the server's to give). */
export function toRankPolicyInput(
  form: RankForm,
  currencyCode: string,
): unknown {
  const window =
    form.windowKind === "rolling_months"
      ? { kind: "rolling_months", months: readWholeNumber(form.windowMonths) }
      : { kind: form.windowKind };
  return {
    ranks: form.ranks.map((row) => ({
      key: row.key.trim(),
      name: { en: row.nameEn, ja: row.nameJa },
      color: row.color.trim(),
      ...(row.minNetSpend.trim() === ""
        ? {}
        : { minNetSpendMinor: readAmount(row.minNetSpend, currencyCode) }),
      ...(row.minOrders.trim() === ""
        ? {}
        : { minOrders: readWholeNumber(row.minOrders) }),
      combine: row.combine,
    })),
    basis: form.basis,
    window,
    confirmationDelayDays: readWholeNumber(form.confirmationDelayDays),
    downgradeReviewDates: form.reviewDates.map((monthDay) => monthDay.trim()),
    inactivityStepDown: form.inactivityEnabled
      ? { months: readWholeNumber(form.inactivityMonths) }
      : null,
    refundDowngrade: form.refundDowngrade,
  };
}
