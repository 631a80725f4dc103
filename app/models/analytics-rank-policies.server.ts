// Versioned rank policies (RankPolicy rows, product.md §2 "rules are versioned"): a saved version is
// never changed, and exactly one version per shop is active.
import { prisma } from "../db.server.ts";
import type { RankPolicy } from "../domain/analytics/ranks/rank-policy.ts";
import type { Database } from "./analytics-customers.server.ts";

export type RankPolicyVersion = {
  readonly version: number;
  readonly policy: RankPolicy;
  readonly active: boolean;
  readonly createdAt: Date;
};

/** A stored policy; the column's version is the one that counts. */
export function parseStoredRankPolicy(
  version: number,
  policy: string,
): RankPolicy {
  return { ...(JSON.parse(policy) as RankPolicy), version };
}

function toVersion(row: {
  version: number;
  policy: string;
  active: boolean;
  createdAt: Date;
}): RankPolicyVersion {
  return {
    version: row.version,
    policy: parseStoredRankPolicy(row.version, row.policy),
    active: row.active,
    createdAt: row.createdAt,
  };
}

export async function findActiveRankPolicy(
  shop: string,
  db: Database = prisma,
): Promise<RankPolicyVersion | null> {
  const row = await db.rankPolicy.findFirst({
    where: { shop, active: true },
    orderBy: { version: "desc" },
  });
  return row === null ? null : toVersion(row);
}

/** Every version of the shop's policy, newest first. */
export async function listRankPolicyVersions(
  shop: string,
  db: Database = prisma,
): Promise<RankPolicyVersion[]> {
  const rows = await db.rankPolicy.findMany({
    where: { shop },
    orderBy: { version: "desc" },
  });
  return rows.map(toVersion);
}

export async function findLatestRankPolicyVersion(
  shop: string,
  db: Database = prisma,
): Promise<number> {
  const row = await db.rankPolicy.findFirst({
    where: { shop },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return row?.version ?? 0;
}

/** Stores `policy` under its version and makes it the only active one. */
export async function saveActiveRankPolicy(
  shop: string,
  policy: RankPolicy,
  createdAt: Date,
  db: Database = prisma,
): Promise<void> {
  await db.rankPolicy.updateMany({
    where: { shop, active: true },
    data: { active: false },
  });
  await db.rankPolicy.create({
    data: {
      shop,
      version: policy.version,
      policy: JSON.stringify(policy),
      active: true,
      createdAt,
    },
  });
}
