// Rank reports (product.md §2): the dry run of a new policy ("312 customers move from Gold to Silver")
// before it applies, the rank distribution, and the migration matrix between two dates.
import { evaluateRank, type RankState } from "./evaluate-rank.ts";
import { rankIndexOf, type RankPolicy } from "./rank-policy.ts";
import type { RankPurchase } from "./rank-qualification.ts";

export type RankedCustomerInput = {
  readonly customerKey: string;
  readonly purchases: readonly RankPurchase[];
  readonly state: RankState | null;
};

export type RankAssignment = {
  readonly customerKey: string;
  readonly rankKey: string;
};

export type RankCount = {
  readonly rankKey: string;
  readonly customerCount: number;
};

export type RankMove = {
  readonly fromRankKey: string;
  readonly toRankKey: string;
  readonly customerCount: number;
};

export type RankDryRun = {
  /** Per rank of each policy, in its order, zeros included. */
  readonly currentCounts: RankCount[];
  readonly proposedCounts: RankCount[];
  /** Customers whose rank differs, sorted by key. */
  readonly movers: {
    customerKey: string;
    fromRankKey: string;
    toRankKey: string;
  }[];
  /** The movers grouped, largest group first, then by rank keys. */
  readonly moves: RankMove[];
};

/**
 * Evaluates every customer under both policies as of `asOn`. The proposed policy is run as a new
 * version, so nothing is held back by refund grace; manual overrides win under both.
 */
export function dryRunRankPolicy(
  currentPolicy: RankPolicy,
  proposedPolicy: RankPolicy,
  customers: readonly RankedCustomerInput[],
  asOn: string,
): RankDryRun {
  const current: RankAssignment[] = [];
  const proposed: RankAssignment[] = [];
  for (const customer of customers) {
    const rankUnder = (policy: RankPolicy) =>
      evaluateRank(policy, customer.purchases, customer.state, asOn).state
        .rankKey;
    current.push({
      customerKey: customer.customerKey,
      rankKey: rankUnder(currentPolicy),
    });
    proposed.push({
      customerKey: customer.customerKey,
      rankKey: rankUnder(proposedPolicy),
    });
  }
  const movers = current
    .map((assignment, index) => ({
      customerKey: assignment.customerKey,
      fromRankKey: assignment.rankKey,
      toRankKey: (proposed[index] as RankAssignment).rankKey,
    }))
    .filter((mover) => mover.fromRankKey !== mover.toRankKey)
    .sort((a, b) => compareText(a.customerKey, b.customerKey));
  const moveCounts = new Map<string, RankMove>();
  for (const mover of movers) {
    const key = JSON.stringify([mover.fromRankKey, mover.toRankKey]);
    const known = moveCounts.get(key);
    moveCounts.set(key, {
      fromRankKey: mover.fromRankKey,
      toRankKey: mover.toRankKey,
      customerCount: (known?.customerCount ?? 0) + 1,
    });
  }
  return {
    currentCounts: countRankDistribution(currentPolicy, current),
    proposedCounts: countRankDistribution(proposedPolicy, proposed),
    movers,
    moves: [...moveCounts.values()].sort(
      (a, b) =>
        b.customerCount - a.customerCount ||
        compareText(a.fromRankKey, b.fromRankKey) ||
        compareText(a.toRankKey, b.toRankKey),
    ),
  };
}

/** Customers per rank, in the policy's order, zeros included. */
export function countRankDistribution(
  policy: RankPolicy,
  assignments: readonly RankAssignment[],
): RankCount[] {
  const counts = policy.ranks.map(() => 0);
  for (const assignment of assignments) {
    const index = rankIndexOf(policy, assignment.rankKey);
    counts[index] = (counts[index] as number) + 1;
  }
  return policy.ranks.map((rank, index) => ({
    rankKey: rank.key,
    customerCount: counts[index] as number,
  }));
}

export type RankMigration = {
  /** Row and column labels: null (no rank yet, e.g. a customer new since `from`) then the ranks. */
  readonly rankKeys: readonly (string | null)[];
  /** customerCounts[from][to], indexed like rankKeys. */
  readonly customerCounts: number[][];
};

/**
 * The from-rank × to-rank matrix between two snapshots of assignments (e.g. the stored ranks at the
 * start and end of a month). A customer missing from a snapshot counts under null.
 */
export function countRankMigration(
  policy: RankPolicy,
  fromAssignments: readonly RankAssignment[],
  toAssignments: readonly RankAssignment[],
): RankMigration {
  const rankKeys = [null, ...policy.ranks.map((rank) => rank.key)];
  const size = rankKeys.length;
  const customerCounts = rankKeys.map(() => new Array<number>(size).fill(0));
  const slotOf = (rankKey: string | undefined) =>
    rankKey === undefined ? 0 : rankIndexOf(policy, rankKey) + 1;
  const fromByCustomer = new Map(
    fromAssignments.map((a) => [a.customerKey, a.rankKey]),
  );
  const toByCustomer = new Map(
    toAssignments.map((a) => [a.customerKey, a.rankKey]),
  );
  for (const customerKey of new Set([
    ...fromByCustomer.keys(),
    ...toByCustomer.keys(),
  ])) {
    const row = customerCounts[
      slotOf(fromByCustomer.get(customerKey))
    ] as number[];
    const column = slotOf(toByCustomer.get(customerKey));
    row[column] = (row[column] as number) + 1;
  }
  return { rankKeys, customerCounts };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
