// Manual rank overrides (product.md §2: "manual override with reason"): staff put a customer in a rank
// whatever their orders earn, with a reason, until the override is removed; both are rank changes
// with reason manual_override, and the customer's row is rewritten at once.
import { prisma } from "../../db.server.ts";
import type { CustomerAnalysis } from "../../domain/analytics/customer-analytics.ts";
import { findRankStates } from "../../models/analytics-customers.server.ts";
import { listCustomerOrders } from "../../models/analytics-orders.server.ts";
import { retryWhileDatabaseBusy } from "../../models/database-busy.server.ts";
import { getActiveRankPolicy } from "./context.server.ts";
import { updateCustomerAnalytics } from "./update-customers.server.ts";

export type RankOverrideInput = {
  readonly rankKey: string;
  readonly reason: string;
  /** The staff member, for support (a staff account id or name, never a customer's). */
  readonly setBy: string;
};

export type RankOverrideError = "CUSTOMER_NOT_FOUND" | "RANK_UNKNOWN" | "REASON_EMPTY" | "NO_OVERRIDE";

export type RankOverrideResult = { readonly ok: true; readonly analysis: CustomerAnalysis } | { readonly ok: false; readonly error: RankOverrideError };

/** Longest reason kept; a note for support, not a document. */
const MAX_REASON_LENGTH = 500;

/** Puts the customer in `rankKey` until removed. The customer must have an order or a stored rank. */
export async function setRankOverride(shop: string, customerGid: string, input: RankOverrideInput, now: Date): Promise<RankOverrideResult> {
  const reason = input.reason.trim().slice(0, MAX_REASON_LENGTH);
  if (reason === "") return { ok: false, error: "REASON_EMPTY" };
  return retryWhileDatabaseBusy(() =>
    prisma.$transaction(async (tx): Promise<RankOverrideResult> => {
      const policy = await getActiveRankPolicy(shop, now, tx);
      if (!policy.ranks.some((rank) => rank.key === input.rankKey)) return { ok: false, error: "RANK_UNKNOWN" };
      const known = (await findRankStates(shop, [customerGid], tx)).has(customerGid) || (await listCustomerOrders(shop, [customerGid], tx)).has(customerGid);
      if (!known) return { ok: false, error: "CUSTOMER_NOT_FOUND" };
      const override = { rankKey: input.rankKey, reason, setBy: input.setBy, setAt: now };
      const [analysis] = await updateCustomerAnalytics(shop, [customerGid], now, tx, { instruction: { kind: "setOverride", override } });
      return { ok: true, analysis: analysis as CustomerAnalysis };
    }),
  );
}

/** Ends the customer's override: they take the rank their orders earn today. */
export async function removeRankOverride(shop: string, customerGid: string, now: Date): Promise<RankOverrideResult> {
  return retryWhileDatabaseBusy(() =>
    prisma.$transaction(async (tx): Promise<RankOverrideResult> => {
      const stored = (await findRankStates(shop, [customerGid], tx)).get(customerGid);
      if (stored === undefined) return { ok: false, error: "CUSTOMER_NOT_FOUND" };
      if (stored.state.manualOverride === null) return { ok: false, error: "NO_OVERRIDE" };
      const [analysis] = await updateCustomerAnalytics(shop, [customerGid], now, tx, { instruction: { kind: "removeOverride" } });
      return { ok: true, analysis: analysis as CustomerAnalysis };
    }),
  );
}
