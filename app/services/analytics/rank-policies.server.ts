// The rank rules of a shop (product.md §2): the active version (the default policy on first use), a
// dry run of a draft against every customer ("312 customers move from Gold to Silver"), and saving a
// draft as the next version, which re-ranks every customer through a full recompute. Problems come
// back as { field, code } so the rank editor can show each one.
import { prisma } from "../../db.server.ts";
import { toRankPurchases } from "../../domain/analytics/customer-analytics.ts";
import { readRankPolicyDraft } from "../../domain/analytics/ranks/rank-policy-draft.ts";
import type { RankPolicy, RankPolicyError } from "../../domain/analytics/ranks/rank-policy.ts";
import { dryRunRankPolicy, type RankCount, type RankMove } from "../../domain/analytics/ranks/rank-reports.ts";
import { requestShopRecompute } from "../../jobs/analytics-requests.server.ts";
import { countOverridesByRank, listRankStates, type Database } from "../../models/analytics-customers.server.ts";
import {
  findLatestRankPolicyVersion,
  listRankPolicyVersions,
  saveActiveRankPolicy,
  type RankPolicyVersion,
} from "../../models/analytics-rank-policies.server.ts";
import { retryWhileDatabaseBusy } from "../../models/database-busy.server.ts";
import { getActiveRankPolicy, loadShopCalendar } from "./context.server.ts";
import { loadShopCustomerInputs } from "./recompute-shop.server.ts";

/** A rank editor problem: the domain's, or a rank that still has customers overriding to it. */
export type RankPolicyProblem = RankPolicyError | { readonly field: string; readonly code: "RANK_HAS_OVERRIDES"; readonly rankKey: string };

export type RankPolicyCheck = { readonly ok: true; readonly policy: RankPolicy } | { readonly ok: false; readonly errors: RankPolicyProblem[] };

/** How many customers the dry run lists one by one; the counts and moves cover everyone. */
const LISTED_MOVERS = 200;

export type RankPolicyDryRun = {
  readonly asOn: string;
  readonly currentVersion: number;
  readonly proposedVersion: number;
  readonly currentCounts: RankCount[];
  readonly proposedCounts: RankCount[];
  /** Grouped moves, largest first. */
  readonly moves: RankMove[];
  readonly moverCount: number;
  /** The first movers by customer GID, with the direction of their move in rank order. */
  readonly movers: { customerGid: string; fromRankKey: string; toRankKey: string; direction: "up" | "down" }[];
};

/** The shop's policy versions, newest first; the default policy becomes version 1 on first use. */
export async function listRankPolicies(shop: string, now: Date): Promise<RankPolicyVersion[]> {
  await retryWhileDatabaseBusy(() => prisma.$transaction((tx) => getActiveRankPolicy(shop, now, tx)));
  return listRankPolicyVersions(shop);
}

/** The draft as the next version, or every problem that keeps it from being saved. */
async function checkDraft(shop: string, input: unknown, db: Database): Promise<RankPolicyCheck> {
  const version = (await findLatestRankPolicyVersion(shop, db)) + 1;
  const read = readRankPolicyDraft(input, version);
  if (!read.ok) return read;
  const keys = new Set(read.draft.ranks.map((rank) => rank.key));
  const overridden = [...(await countOverridesByRank(shop, db)).keys()].filter((rankKey) => !keys.has(rankKey)).sort();
  if (overridden.length > 0) return { ok: false, errors: overridden.map((rankKey) => ({ field: "ranks", code: "RANK_HAS_OVERRIDES", rankKey })) };
  return { ok: true, policy: { ...read.draft, version } };
}

/** Every customer's rank as of today under the active policy and under the draft, without saving anything. */
export async function dryRunRankPolicyChange(
  shop: string,
  input: unknown,
  now: Date,
): Promise<{ ok: true; dryRun: RankPolicyDryRun } | { ok: false; errors: RankPolicyProblem[] }> {
  const current = await retryWhileDatabaseBusy(() => prisma.$transaction((tx) => getActiveRankPolicy(shop, now, tx)));
  const check = await checkDraft(shop, input, prisma);
  if (!check.ok) return check;
  const calendar = await loadShopCalendar(shop, now, prisma);
  const inputs = await loadShopCustomerInputs(shop, calendar, await listRankStates(shop));
  const dryRun = dryRunRankPolicy(
    current,
    check.policy,
    inputs.map((customer) => ({ customerKey: customer.customerKey, purchases: toRankPurchases(customer.orders), state: customer.rankState })),
    calendar.asOn,
  );
  const positionIn = (policy: RankPolicy, rankKey: string) => policy.ranks.findIndex((rank) => rank.key === rankKey);
  return {
    ok: true,
    dryRun: {
      asOn: calendar.asOn,
      currentVersion: current.version,
      proposedVersion: check.policy.version,
      currentCounts: dryRun.currentCounts,
      proposedCounts: dryRun.proposedCounts,
      moves: dryRun.moves,
      moverCount: dryRun.movers.length,
      movers: dryRun.movers.slice(0, LISTED_MOVERS).map((mover) => ({
        customerGid: mover.customerKey,
        fromRankKey: mover.fromRankKey,
        toRankKey: mover.toRankKey,
        direction: positionIn(check.policy, mover.toRankKey) > positionIn(current, mover.fromRankKey) ? "up" : "down",
      })),
    },
  };
}

/**
 * Saves the draft as the next version and makes it active; every customer is re-ranked by the full
 * recompute it requests (each move recorded as a policy_changed rank change of that version).
 * Orders ingested meanwhile are ranked under the new version at once.
 */
export async function saveRankPolicy(shop: string, input: unknown, now: Date): Promise<{ ok: true; version: number } | { ok: false; errors: RankPolicyProblem[] }> {
  return retryWhileDatabaseBusy(() =>
    prisma.$transaction(async (tx) => {
      await getActiveRankPolicy(shop, now, tx);
      const check = await checkDraft(shop, input, tx);
      if (!check.ok) return check;
      await saveActiveRankPolicy(shop, check.policy, now, tx);
      await requestShopRecompute(shop, { kind: "rankPolicy", id: String(check.policy.version) }, tx);
      return { ok: true as const, version: check.policy.version };
    }),
  );
}
