// A rank policy as the rank editor sends it (product.md §2: "dry run before saving"): unknown input
// read into a policy draft, every problem reported with its field, so a form can show each one. The
// version is not the editor's to choose: saving gives the draft the next one.
import { z } from "zod";
import {
  validateRankPolicy,
  type RankPolicy,
  type RankPolicyError,
} from "./rank-policy.ts";

export type RankPolicyDraft = Omit<RankPolicy, "version">;

export type RankPolicyDraftResult =
  | { readonly ok: true; readonly draft: RankPolicyDraft }
  | { readonly ok: false; readonly errors: RankPolicyError[] };

const nameSchema = z.object({ en: z.string(), ja: z.string() });

const rankSchema = z.object({
  key: z.string(),
  name: nameSchema,
  color: z.string(),
  minNetSpendMinor: z.number().optional(),
  minOrders: z.number().optional(),
  combine: z.enum(["any", "all"]),
});

const windowSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rolling_months"), months: z.number() }),
  z.object({ kind: z.literal("calendar_year") }),
  z.object({ kind: z.literal("lifetime") }),
]);

const draftSchema = z.object({
  ranks: z.array(rankSchema),
  basis: z.enum(["tax_inclusive", "tax_exclusive"]),
  window: windowSchema,
  confirmationDelayDays: z.number(),
  downgradeReviewDates: z.array(z.string()),
  inactivityStepDown: z.object({ months: z.number() }).nullable(),
  refundDowngrade: z.enum(["at_next_review", "immediate"]),
});

/**
 * Reads a draft: a field of the wrong type or shape is SHAPE_INVALID at its path; a well-formed
 * draft is then checked by validateRankPolicy as the version it would be saved as.
 */
export function readRankPolicyDraft(
  input: unknown,
  version: number,
): RankPolicyDraftResult {
  const parsed = draftSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join("."),
        code: "SHAPE_INVALID",
      })),
    };
  // Optional thresholds left out stay absent rather than undefined, as validateRankPolicy expects.
  const draft: RankPolicyDraft = {
    ...parsed.data,
    ranks: parsed.data.ranks.map(
      ({ minNetSpendMinor, minOrders, ...rank }) => ({
        ...rank,
        ...(minNetSpendMinor === undefined ? {} : { minNetSpendMinor }),
        ...(minOrders === undefined ? {} : { minOrders }),
      }),
    ),
  };
  const errors = validateRankPolicy({ ...draft, version });
  return errors.length === 0 ? { ok: true, draft } : { ok: false, errors };
}
