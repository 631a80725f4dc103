// What pages and metafield sync read: precomputed rows only, each answer one or two indexed queries
// (product.md §5: usable at 200,000 customers). Nothing here computes analytics; the recomputes do.
import type { CustomerPrediction } from "../../domain/analytics/clv/clv.ts";
import type { RankPolicy } from "../../domain/analytics/ranks/rank-policy.ts";
import type { RfmScale } from "../../domain/analytics/rfm.ts";
import {
  countRfmCells,
  findCustomerAnalytics,
  listCustomerAnalytics,
  sumCustomersByRank,
  type CustomerAnalyticsCursor,
  type CustomerAnalyticsListQuery,
  type CustomerAnalyticsRecord,
  type RfmCell,
} from "../../models/analytics-customers.server.ts";
import { countRankMigrationCells, listCustomerRankChanges, type RankChangeRecord } from "../../models/analytics-rank-changes.server.ts";
import { findActiveRankPolicy } from "../../models/analytics-rank-policies.server.ts";
import { findShopAnalytics, listAnalyticsSnapshots, type AnalyticsSnapshotRecord, type ShopAnalyticsSummary } from "../../models/analytics-shop.server.ts";

export type { CustomerAnalyticsRecord, RankChangeRecord, ShopAnalyticsSummary };

/** The inputs of explainPrediction, rebuilt from the row; null without a prediction. */
export function toCustomerPrediction(record: CustomerAnalyticsRecord): CustomerPrediction | null {
  if (record.predictionMethod === null || record.spendMethod === null || record.horizonDays === null || record.recencyDays === null) return null;
  return {
    customerKey: record.customerGid,
    method: record.predictionMethod as CustomerPrediction["method"],
    heuristicReason: record.heuristicReason as CustomerPrediction["heuristicReason"],
    spendMethod: record.spendMethod as CustomerPrediction["spendMethod"],
    horizonDays: record.horizonDays,
    recencyDays: record.recencyDays,
    typicalIntervalDays: record.typicalIntervalDays,
    aliveProbability: record.aliveProbability,
    expectedPurchases: record.expectedPurchases,
    expectedOrderValueMinor: record.expectedOrderValueMinor ?? 0,
    clvMinor: record.predictedClvMinor,
    expectedNextOrderOn: record.expectedNextOrderOn,
  };
}

export type CustomerAnalyticsDetail = {
  readonly record: CustomerAnalyticsRecord;
  readonly prediction: CustomerPrediction | null;
  /** Newest first. */
  readonly rankChanges: RankChangeRecord[];
};

/** One customer's analytics and rank history; null for a customer without analytics. */
export async function getCustomerAnalytics(shop: string, customerGid: string): Promise<CustomerAnalyticsDetail | null> {
  const record = await findCustomerAnalytics(shop, customerGid);
  if (record === null) return null;
  return { record, prediction: toCustomerPrediction(record), rankChanges: await listCustomerRankChanges(shop, customerGid) };
}

export type CustomerListPage = {
  readonly customers: CustomerAnalyticsRecord[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: CustomerAnalyticsCursor | null;
  /** Pass as `before` for the previous page; null on the first page. */
  readonly previous: CustomerAnalyticsCursor | null;
};

function cursorOf(row: CustomerAnalyticsRecord | undefined, query: CustomerAnalyticsListQuery): CustomerAnalyticsCursor | null {
  return row === undefined ? null : { value: row[query.sort], customerGid: row.customerGid };
}

/**
 * A page of customers by segment and/or rank, sorted by net spend, last order date or predicted CLV,
 * after the `after` row or before the `before` row. One row more than the page is read, to know
 * whether another page follows.
 */
export async function listCustomers(shop: string, query: CustomerAnalyticsListQuery): Promise<CustomerListPage> {
  const rows = await listCustomerAnalytics(shop, { ...query, limit: query.limit + 1 });
  const backwards = (query.before ?? null) !== null;
  const more = rows.length > query.limit;
  const customers = backwards ? rows.slice(Math.max(0, rows.length - query.limit)) : rows.slice(0, query.limit);
  const hasNext = backwards || more;
  const hasPrevious = backwards ? more : query.after !== null;
  return {
    customers,
    next: hasNext ? cursorOf(customers[customers.length - 1], query) : null,
    previous: hasPrevious ? cursorOf(customers[0], query) : null,
  };
}

export type RfmGrid = {
  /** null before the shop's first full recompute. */
  readonly asOn: string | null;
  readonly rfmMethod: string | null;
  /** The cut points the scores were read off, for the UI to explain its thresholds. */
  readonly rfmScale: RfmScale | null;
  readonly cells: RfmCell[];
};

export async function getRfmGrid(shop: string): Promise<RfmGrid> {
  const [summary, cells] = await Promise.all([findShopAnalytics(shop), countRfmCells(shop)]);
  return { asOn: summary?.asOn ?? null, rfmMethod: summary?.scoring.rfmMethod ?? null, rfmScale: summary?.scoring.rfmScale ?? null, cells };
}

/** The summary of the last full recompute: scale, models with their fit, KPIs; null before the first. */
export function getShopAnalytics(shop: string): Promise<ShopAnalyticsSummary | null> {
  return findShopAnalytics(shop);
}

/** One snapshot per day recomputed, from `fromOn` to `toOn`, oldest first. */
export function listAnalyticsHistory(shop: string, fromOn: string, toOn: string): Promise<AnalyticsSnapshotRecord[]> {
  return listAnalyticsSnapshots(shop, fromOn, toOn);
}

export type RankCountNow = { readonly rankKey: string; readonly customerCount: number; readonly netSpendMinor: number };

/** Customers and their net spend per rank as stored now, in the active policy's order (ranks of older versions after). */
export async function countCurrentRanks(shop: string): Promise<RankCountNow[]> {
  const [policy, totals] = await Promise.all([findActiveRankPolicy(shop), sumCustomersByRank(shop)]);
  return orderedRankKeys(policy?.policy ?? null, totals.keys()).map((rankKey) => ({
    rankKey,
    customerCount: totals.get(rankKey)?.customerCount ?? 0,
    netSpendMinor: totals.get(rankKey)?.netSpendMinor ?? 0,
  }));
}

function orderedRankKeys(policy: RankPolicy | null, seen: Iterable<string | null>): string[] {
  const keys = policy === null ? [] : policy.ranks.map((rank) => rank.key);
  for (const key of seen) if (key !== null && !keys.includes(key)) keys.push(key);
  return keys;
}

export type RankMigration = {
  /** Row and column labels: null (not a customer yet) first, then the ranks. */
  readonly rankKeys: (string | null)[];
  /** customerCounts[from][to], indexed like rankKeys. */
  readonly customerCounts: number[][];
};

/** Today's customers by their stored rank at the end of `fromOn` (rows) and of `toOn` (columns). */
export async function getRankMigration(shop: string, fromOn: string, toOn: string): Promise<RankMigration> {
  const active = await findActiveRankPolicy(shop);
  const lowest = active?.policy.ranks[0]?.key ?? "";
  const cells = await countRankMigrationCells(shop, fromOn, toOn, lowest);
  const rankKeys = [null, ...orderedRankKeys(active?.policy ?? null, cells.flatMap((cell) => [cell.fromRankKey, cell.toRankKey]))];
  const customerCounts = rankKeys.map(() => rankKeys.map(() => 0));
  for (const cell of cells) (customerCounts[rankKeys.indexOf(cell.fromRankKey)] as number[])[rankKeys.indexOf(cell.toRankKey)] = cell.customerCount;
  return { rankKeys, customerCounts };
}
