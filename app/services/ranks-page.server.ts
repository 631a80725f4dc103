// The Ranks page (product.md §2, §5): the active rank rules and their versions, how many customers
// hold each rank now, the preview of a draft ("312 customers move from Gold to Silver") with the
// first movers by name, and saving a draft, after which every customer is re-ranked by a full
// recompute (rank-policies.server.ts); the page follows that recompute until it is done.
import { toCustomerPathId } from "../domain/customer-path.ts";
import type { RankPolicy } from "../domain/analytics/ranks/rank-policy.ts";
import { findRecomputeStatus } from "../jobs/analytics-requests.server.ts";
import type { JobStatus } from "../jobs/queue.server.ts";
import { findCustomerContacts } from "../models/customer-directory.server.ts";
import { findShop } from "../models/shops.server.ts";
import {
  countCurrentRanks,
  type RankCountNow,
} from "./analytics/read-analytics.server.ts";
import {
  dryRunRankPolicyChange,
  listRankPolicies,
  saveRankPolicy,
  type RankPolicyDryRun,
  type RankPolicyProblem,
} from "./analytics/rank-policies.server.ts";

/** Versions listed on the page, newest first. */
const LISTED_VERSIONS = 20;

export type RankPolicyVersionView = {
  readonly version: number;
  readonly policy: RankPolicy;
  readonly active: boolean;
  readonly createdAt: Date;
};

export type RanksPage = {
  readonly currencyCode: string;
  readonly timeZone: string;
  readonly active: RankPolicyVersionView;
  readonly versions: RankPolicyVersionView[];
  readonly versionCount: number;
  /** Customers per rank as stored now. */
  readonly counts: RankCountNow[];
  /** The re-ranking the active version asked for when it was saved; null for version 1 or one never asked for. */
  readonly reranking: JobStatus | null;
};

export async function getRanksPage(
  shop: string,
  now: Date,
): Promise<RanksPage> {
  const [versions, record, counts] = await Promise.all([
    listRankPolicies(shop, now),
    findShop(shop),
    countCurrentRanks(shop),
  ]);
  const active =
    versions.find((version) => version.active) ??
    (versions[0] as RankPolicyVersionView);
  return {
    currencyCode: record?.currencyCode ?? "",
    timeZone: record?.ianaTimezone ?? "UTC",
    active,
    versions: versions.slice(0, LISTED_VERSIONS),
    versionCount: versions.length,
    counts,
    reranking: await findRecomputeStatus(shop, {
      kind: "rankPolicy",
      id: String(active.version),
    }),
  };
}

export type RankMover = RankPolicyDryRun["movers"][number] & {
  readonly pathId: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
};

export type RankPolicyPreview = Omit<RankPolicyDryRun, "movers"> & {
  readonly movers: RankMover[];
};

export type RankEditorResult =
  | {
      readonly intent: "preview";
      readonly ok: true;
      readonly preview: RankPolicyPreview;
    }
  | { readonly intent: "save"; readonly ok: true; readonly version: number }
  | {
      readonly intent: "preview" | "save";
      readonly ok: false;
      readonly errors: RankPolicyProblem[];
    };

/** Every customer's rank under the active rules and under the draft, with the first movers' names. */
export async function previewRankPolicy(
  shop: string,
  draft: unknown,
  now: Date,
): Promise<RankEditorResult> {
  const result = await dryRunRankPolicyChange(shop, draft, now);
  if (!result.ok)
    return { intent: "preview", ok: false, errors: result.errors };
  const { movers, ...dryRun } = result.dryRun;
  const contacts = await findCustomerContacts(
    shop,
    movers.map((mover) => mover.customerGid),
  );
  return {
    intent: "preview",
    ok: true,
    preview: {
      ...dryRun,
      movers: movers.map((mover) => ({
        ...mover,
        pathId: toCustomerPathId(mover.customerGid),
        firstName: contacts.get(mover.customerGid)?.firstName ?? null,
        lastName: contacts.get(mover.customerGid)?.lastName ?? null,
      })),
    },
  };
}

/** Saves the draft as the next version; its re-ranking runs as a job. */
export async function saveRankPolicyDraft(
  shop: string,
  draft: unknown,
  now: Date,
): Promise<RankEditorResult> {
  const result = await saveRankPolicy(shop, draft, now);
  return result.ok
    ? { intent: "save", ok: true, version: result.version }
    : { intent: "save", ok: false, errors: result.errors };
}
