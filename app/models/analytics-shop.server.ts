// The shop-level results of customer analytics: the summary of the last full recompute (ShopAnalytics:
// the RFM scale and fitted models the incremental path reuses, and the KPIs), one snapshot per day of
// segment sizes and the rank distribution (AnalyticsSnapshot), and erasing all of it with the shop.
import { prisma } from "../db.server.ts";
import type {
  SegmentSize,
  ShopKpis,
  ShopScoring,
} from "../domain/analytics/customer-analytics.ts";
import type { KpiHeadline } from "../domain/analytics/kpis/headline.ts";
import type { RankCount } from "../domain/analytics/ranks/rank-reports.ts";
import type { RfmScale } from "../domain/analytics/rfm.ts";
import type { ShopModel } from "../domain/analytics/clv/clv.ts";
import type { RankPolicy } from "../domain/analytics/ranks/rank-policy.ts";
import type { Database } from "./analytics-customers.server.ts";
import { parseStoredRankPolicy } from "./analytics-rank-policies.server.ts";
import type { ShopOrderTotals } from "./analytics-orders.server.ts";

/** The shop KPIs with the shop totals, guest orders included. */
export type StoredShopKpis = ShopKpis & {
  readonly shopTotals: ShopOrderTotals;
};

/** What a full recompute fixes before it writes any customer. */
export type ShopScoringRecord = {
  readonly asOn: string;
  readonly computedAt: Date;
  readonly timeZone: string;
  readonly policyVersion: number;
  readonly customerCount: number;
  readonly scoring: ShopScoring;
};

export type ShopAnalyticsSummary = ShopScoringRecord & {
  /** null until the shop's first recompute has written every customer. */
  readonly kpis: StoredShopKpis | null;
};

/** The shop's IANA time zone as Shopify reported it; null for a shop never recorded or without one. */
export async function findShopTimeZone(
  shop: string,
  db: Database = prisma,
): Promise<string | null> {
  const row = await db.shop.findUnique({
    where: { domain: shop },
    select: { ianaTimezone: true },
  });
  return row?.ianaTimezone ?? null;
}

export async function findShopAnalytics(
  shop: string,
  db: Database = prisma,
): Promise<ShopAnalyticsSummary | null> {
  const row = await db.shopAnalytics.findUnique({ where: { shop } });
  if (row === null) return null;
  return {
    asOn: row.asOn,
    computedAt: row.computedAt,
    timeZone: row.timeZone,
    policyVersion: row.policyVersion,
    customerCount: row.customerCount,
    scoring: parseScoring(row),
    kpis: row.kpis === null ? null : (JSON.parse(row.kpis) as StoredShopKpis),
  };
}

export type ShopAnalyticsInputs = {
  readonly timeZone: string | null;
  /** The active rank policy; null before the shop's first. */
  readonly policy: RankPolicy | null;
  readonly scoring: ShopScoring | null;
};

type ScoringColumns = {
  rfmMethod: string;
  rfmScale: string;
  model: string;
  horizonDays: number;
  annualDiscountRate: number;
};

function parseScoring(row: ScoringColumns): ShopScoring {
  return {
    rfmMethod: row.rfmMethod as ShopScoring["rfmMethod"],
    rfmScale: JSON.parse(row.rfmScale) as RfmScale,
    model: JSON.parse(row.model) as ShopModel,
    prediction: {
      horizonDays: row.horizonDays,
      annualDiscountRate: row.annualDiscountRate,
    },
  };
}

/**
 * What every ingested order needs, in one query: the shop's zone, its active rank policy and the
 * scoring of its last full recompute.
 */
export async function findShopAnalyticsInputs(
  shop: string,
  db: Database = prisma,
): Promise<ShopAnalyticsInputs> {
  const [row] = await db.$queryRawUnsafe<
    ({
      timeZone: string | null;
      policyVersion: number | null;
      policy: string | null;
    } & { [K in keyof ScoringColumns]: ScoringColumns[K] | null })[]
  >(
    `SELECT s."ianaTimezone" AS "timeZone", p."version" AS "policyVersion", p."policy" AS "policy",
       a."rfmMethod", a."rfmScale", a."model", a."horizonDays", a."annualDiscountRate"
     FROM (SELECT ?1 AS "shop") k
     LEFT JOIN "Shop" s ON s."domain" = k."shop"
     LEFT JOIN "ShopAnalytics" a ON a."shop" = k."shop"
     LEFT JOIN "RankPolicy" p ON p."id" = (SELECT "id" FROM "RankPolicy" WHERE "shop" = k."shop" AND "active" = 1 ORDER BY "version" DESC LIMIT 1)`,
    shop,
  );
  return {
    timeZone: row?.timeZone ?? null,
    policy:
      row?.policy == null || row.policyVersion == null
        ? null
        : parseStoredRankPolicy(Number(row.policyVersion), row.policy),
    scoring:
      row?.rfmMethod == null
        ? null
        : parseScoring(row as unknown as ScoringColumns),
  };
}

function logLikelihoodOf(
  model: { method: string } | { method: string; logLikelihood: number },
): number | null {
  return "logLikelihood" in model ? model.logLikelihood : null;
}

/**
 * Stores the scoring of a recompute that is about to write its customers, so that orders ingested
 * meanwhile are scored on it too. The KPIs are those of the previous recompute until saveShopKpis.
 */
export async function saveShopScoring(
  shop: string,
  record: ShopScoringRecord,
  db: Database = prisma,
): Promise<void> {
  const { scoring } = record;
  const columns = {
    asOn: record.asOn,
    computedAt: record.computedAt,
    timeZone: record.timeZone,
    policyVersion: record.policyVersion,
    customerCount: record.customerCount,
    rfmMethod: scoring.rfmMethod,
    rfmScale: JSON.stringify(scoring.rfmScale),
    purchaseModelMethod: scoring.model.purchases.method,
    spendModelMethod: scoring.model.spend.method,
    purchaseModelLogLikelihood: logLikelihoodOf(scoring.model.purchases),
    spendModelLogLikelihood: logLikelihoodOf(scoring.model.spend),
    model: JSON.stringify(scoring.model),
    horizonDays: scoring.prediction.horizonDays,
    annualDiscountRate: scoring.prediction.annualDiscountRate,
  };
  await db.shopAnalytics.upsert({
    where: { shop },
    create: { shop, ...columns },
    update: columns,
  });
}

export async function saveShopKpis(
  shop: string,
  kpis: StoredShopKpis,
  db: Database = prisma,
): Promise<void> {
  await db.shopAnalytics.update({
    where: { shop },
    data: { kpis: JSON.stringify(kpis) },
  });
}

export type AnalyticsSnapshotRecord = {
  readonly takenOn: string;
  readonly customerCount: number;
  readonly policyVersion: number;
  readonly segmentSizes: SegmentSize[];
  readonly rankCounts: RankCount[];
  /** null on snapshots taken before the headline was recorded. */
  readonly headline: KpiHeadline | null;
};

/** The day's snapshot; a second recompute on the same day replaces it. */
export async function saveAnalyticsSnapshot(
  shop: string,
  snapshot: AnalyticsSnapshotRecord,
  createdAt: Date,
  db: Database = prisma,
): Promise<void> {
  const columns = {
    customerCount: snapshot.customerCount,
    policyVersion: snapshot.policyVersion,
    segmentCounts: JSON.stringify(
      Object.fromEntries(
        snapshot.segmentSizes.map((size) => [size.segment, size.customerCount]),
      ),
    ),
    rankCounts: JSON.stringify(snapshot.rankCounts),
    kpis: snapshot.headline === null ? null : JSON.stringify(snapshot.headline),
    createdAt,
  };
  await db.analyticsSnapshot.upsert({
    where: { shop_takenOn: { shop, takenOn: snapshot.takenOn } },
    create: { shop, takenOn: snapshot.takenOn, ...columns },
    update: columns,
  });
}

/** Snapshots taken from `fromOn` to `toOn` inclusive, oldest first. */
export async function listAnalyticsSnapshots(
  shop: string,
  fromOn: string,
  toOn: string,
  db: Database = prisma,
): Promise<AnalyticsSnapshotRecord[]> {
  const rows = await db.analyticsSnapshot.findMany({
    where: { shop, takenOn: { gte: fromOn, lte: toOn } },
    orderBy: { takenOn: "asc" },
  });
  return rows.map(toSnapshotRecord);
}

/** The latest snapshot taken on or before `on`; null when there is none. */
export async function findSnapshotOnOrBefore(
  shop: string,
  on: string,
  db: Database = prisma,
): Promise<AnalyticsSnapshotRecord | null> {
  const row = await db.analyticsSnapshot.findFirst({
    where: { shop, takenOn: { lte: on } },
    orderBy: { takenOn: "desc" },
  });
  return row === null ? null : toSnapshotRecord(row);
}

function toSnapshotRecord(row: {
  takenOn: string;
  customerCount: number;
  policyVersion: number;
  segmentCounts: string;
  rankCounts: string;
  kpis: string | null;
}): AnalyticsSnapshotRecord {
  const counts = JSON.parse(row.segmentCounts) as Record<string, number>;
  return {
    takenOn: row.takenOn,
    customerCount: row.customerCount,
    policyVersion: row.policyVersion,
    segmentSizes: Object.entries(counts).map(([segment, customerCount]) => ({
      segment: segment as SegmentSize["segment"],
      customerCount,
    })),
    rankCounts: JSON.parse(row.rankCounts) as RankCount[],
    headline: row.kpis === null ? null : (JSON.parse(row.kpis) as KpiHeadline),
  };
}

/** shop/redact and the erasure after uninstall: every analytics row of the shop. */
export async function deleteShopAnalytics(
  shop: string,
  db: Database = prisma,
): Promise<void> {
  const where = { shop };
  await db.customerAnalytics.deleteMany({ where });
  await db.rankChange.deleteMany({ where });
  await db.rankPolicy.deleteMany({ where });
  await db.shopAnalytics.deleteMany({ where });
  await db.analyticsSnapshot.deleteMany({ where });
}
