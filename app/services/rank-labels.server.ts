// How the pages name a stored rank key: by the active rank rules, or by the newest older version that
// defined it (a customer can keep a key of an earlier version until their next evaluation).
import type { RankName } from "../domain/analytics/ranks/rank-policy.ts";
import { listRankPolicyVersions } from "../models/analytics-rank-policies.server.ts";

export type RankLabel = {
  readonly rankKey: string;
  /** null for a key no saved version defines. */
  readonly name: RankName | null;
  readonly color: string | null;
  /** How the rank's two thresholds combine; null for a key no saved version defines. */
  readonly combine: "any" | "all" | null;
};

export type RankLabels = {
  /** The active rules' ranks, lowest first; empty before the shop has rules. */
  readonly active: RankLabel[];
  readonly labelOf: (rankKey: string) => RankLabel;
};

export async function describeRanks(shop: string): Promise<RankLabels> {
  const versions = await listRankPolicyVersions(shop);
  const activeVersion = versions.find((version) => version.active);
  const labels = new Map<string, RankLabel>();
  for (const version of [
    ...(activeVersion ? [activeVersion] : []),
    ...versions,
  ])
    for (const rank of version.policy.ranks)
      if (!labels.has(rank.key))
        labels.set(rank.key, {
          rankKey: rank.key,
          name: rank.name,
          color: rank.color,
          combine: rank.combine,
        });
  return {
    active: (activeVersion?.policy.ranks ?? []).map(
      (rank) => labels.get(rank.key) as RankLabel,
    ),
    labelOf: (rankKey) =>
      labels.get(rankKey) ?? {
        rankKey,
        name: null,
        color: null,
        combine: null,
      },
  };
}
