// The sync to Shopify (docs/decisions/014): each customer's rank, segment and progress as app-owned
// metafields, and optionally prefixed tags, written only where they differ from what Kizuna wrote
// last. Two ways in: a run over every customer with analytics (after a full recompute, the merchant's
// Sync now, a tag setting change), resumable after the last batch it saved, in slices of a few
// seconds so the job worker keeps serving webhooks; and the sync of customers an order, a refund or
// an override changed, which drains their marks.
//
// Calls go through the Admin client of background work (throttling and retries), at most 25
// metafields per metafieldsSet, paced on the cost bucket Shopify reports so the next call finds its
// points. Each batch's outcome is saved with the run's progress in one transaction.
import { prisma } from "../../db.server.ts";
import { DEFAULT_RANK_POLICY } from "../../domain/analytics/ranks/default-rank-policy.ts";
import type { RankPolicy } from "../../domain/analytics/ranks/rank-policy.ts";
import { pauseBeforeCallMs } from "../../domain/rate-limits.ts";
import {
  describeCustomerMetafields,
  isShopifyCustomerGid,
  METAFIELD_NAMESPACE,
  type CustomerSyncFacts,
} from "../../domain/sync/customer-metafields.ts";
import { describeCustomerTags } from "../../domain/sync/customer-tags.ts";
import {
  attributeUserErrors,
  isUpToDate,
  metafieldsOfBatch,
  packIntoBatches,
  planCustomerSync,
  type CustomerSyncPlan,
  type CustomerSyncRecord,
  type SyncProblem,
} from "../../domain/sync/sync-plan.ts";
import { log } from "../../log.server.ts";
import { findActiveRankPolicy } from "../../models/analytics-rank-policies.server.ts";
import {
  clearChangeMarks,
  findCustomerSyncs,
  findDeletedCustomerGids,
  findSyncFacts,
  listChangedCustomers,
  listSyncFactsPage,
  saveCustomerSyncOutcomes,
  type CustomerSyncOutcome,
} from "../../models/customer-syncs.server.ts";
import { retryWhileDatabaseBusy } from "../../models/database-busy.server.ts";
import { findShop } from "../../models/shops.server.ts";
import {
  finishSyncRun,
  findSyncRun,
  saveSyncProgress,
  type SyncProgress,
} from "../../models/sync-runs.server.ts";
import { findSyncSettings } from "../../models/sync-settings.server.ts";
import {
  AdminApiError,
  adminGraphql,
  requireNoUserErrors,
  type AdminCost,
  type AdminResponse,
} from "../../shopify/admin-client.server.ts";
import {
  MetafieldsSet,
  type MetafieldsSetInput,
  type MetafieldsSetResult,
} from "../../shopify/operations/MetafieldsSet.ts";
import {
  TagsAdd,
  TagsRemove,
  type TagsAddResult,
  type TagsRemoveResult,
} from "../../shopify/operations/CustomerTags.ts";
import { ensureCustomerMetafieldDefinitions } from "./metafield-definitions.server.ts";
import {
  enqueueChangedSync,
  enqueueSyncSlice,
  startFullSync,
} from "./sync-requests.server.ts";

/** Customers read per query. */
const PAGE_SIZE = 500;
/** A slice ends after this much work; the next one is a new job, so webhooks get the worker in between. */
const SLICE_MS = 5000;
/** What one metafieldsSet or tag call costs: a mutation, 10 points (shopify-platform.md §9.1). */
const CALL_COST = 10;
/** Points left in the bucket for other work of the shop (a backfill, an admin page). */
const RESERVED_POINTS = 50;
/** A longer pause for the bucket ends the slice; the next slice is scheduled after it. */
const LONGEST_PAUSE_IN_SLICE_MS = 1000;

type SyncContext = {
  readonly shop: string;
  readonly policy: RankPolicy;
  readonly currency: string;
  readonly tagPrefix: string | null;
};

async function loadSyncContext(
  shop: string,
  currency: string,
): Promise<SyncContext> {
  const [active, settings] = await Promise.all([
    findActiveRankPolicy(shop),
    findSyncSettings(shop),
  ]);
  return {
    shop,
    policy: active?.policy ?? DEFAULT_RANK_POLICY,
    currency,
    tagPrefix: settings.tagsEnabled ? settings.tagPrefix : null,
  };
}

/** One customer of a batch; no plan when Shopify does not know the customer (deleted, or a CSV-only GID). */
type SyncUnit = {
  readonly customerGid: string;
  readonly previous: CustomerSyncRecord | null;
  readonly plan: CustomerSyncPlan | null;
};

async function planUnits(
  context: SyncContext,
  facts: readonly CustomerSyncFacts[],
): Promise<SyncUnit[]> {
  const gids = facts.map((fact) => fact.customerGid);
  const [stored, deleted] = await Promise.all([
    findCustomerSyncs(context.shop, gids),
    findDeletedCustomerGids(context.shop, gids),
  ]);
  return facts.map((fact) => {
    const previous = stored.get(fact.customerGid)?.record ?? null;
    if (
      !isShopifyCustomerGid(fact.customerGid) ||
      deleted.has(fact.customerGid)
    )
      return { customerGid: fact.customerGid, previous, plan: null };
    const metafields = describeCustomerMetafields(
      fact,
      context.policy,
      context.currency,
    );
    const tags =
      context.tagPrefix === null
        ? []
        : describeCustomerTags(context.tagPrefix, fact.rankKey, fact.segment);
    return {
      customerGid: fact.customerGid,
      previous,
      plan: planCustomerSync(fact.customerGid, metafields, tags, previous),
    };
  });
}

const metafieldCountOf = (unit: SyncUnit) => unit.plan?.metafields.length ?? 0;

/** Waits before each call for the points the previous answer said were missing. */
function createPacer() {
  let pauseMs = 0;
  return {
    pendingMs: () => pauseMs,
    async call<T>(
      shop: string,
      document: string,
      variables: Record<string, unknown>,
    ): Promise<AdminResponse<T>> {
      if (pauseMs > 0)
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const response = await adminGraphql<T>(shop, document, variables);
      pauseMs = nextPauseMs(response.cost);
      return response;
    },
  };
}

function nextPauseMs(cost: AdminCost | null): number {
  return cost === null
    ? 0
    : pauseBeforeCallMs(CALL_COST, cost.throttleStatus, RESERVED_POINTS);
}

type Pacer = ReturnType<typeof createPacer>;

type BatchResult = {
  readonly outcomes: CustomerSyncOutcome[];
  readonly progress: SyncProgress;
};

/**
 * Writes one batch: its metafields in one metafieldsSet (sent again without the customers Shopify
 * refused, since the call is atomic), then each customer's tag changes.
 */
async function writeBatch(
  context: SyncContext,
  units: readonly SyncUnit[],
  pacer: Pacer,
): Promise<BatchResult> {
  const toWrite = units.filter(
    (unit): unit is SyncUnit & { plan: CustomerSyncPlan } =>
      unit.plan !== null && !isUpToDate(unit.plan),
  );
  const errors = new Map<string, string>();
  let metafieldsWritten = 0;
  let remaining = toWrite
    .map((unit) => unit.plan)
    .filter((plan) => plan.metafields.length > 0);
  while (remaining.length > 0) {
    const metafields: MetafieldsSetInput[] = metafieldsOfBatch(remaining).map(
      ({ customerGid, metafield }) => ({
        ownerId: customerGid,
        namespace: METAFIELD_NAMESPACE,
        key: metafield.key,
        type: metafield.type,
        value: metafield.value,
      }),
    );
    const { data } = await pacer.call<MetafieldsSetResult>(
      context.shop,
      MetafieldsSet,
      { metafields },
    );
    const userErrors = data.metafieldsSet?.userErrors ?? [];
    if (userErrors.length === 0) {
      metafieldsWritten += metafields.length;
      break;
    }
    const attributed = attributeUserErrors(remaining, userErrors);
    if (attributed.byCustomer.size === 0)
      requireNoUserErrors("metafieldsSet", userErrors);
    requireNoUserErrors("metafieldsSet", attributed.unattributed);
    for (const [customerGid, error] of attributed.byCustomer)
      errors.set(customerGid, error);
    remaining = remaining.filter(
      (plan) => !attributed.byCustomer.has(plan.customerGid),
    );
  }
  let tagsAdded = 0;
  let tagsRemoved = 0;
  const tagErrors = new Map<string, string>();
  for (const { plan } of toWrite) {
    if (errors.has(plan.customerGid)) continue;
    const { add, remove } = plan.tagChange;
    if (add.length > 0) {
      const { data } = await pacer.call<TagsAddResult>(context.shop, TagsAdd, {
        id: plan.customerGid,
        tags: add,
      });
      const [problem] = data.tagsAdd?.userErrors ?? [];
      if (problem)
        tagErrors.set(plan.customerGid, `tagsAdd: ${problem.message}`);
      else tagsAdded += add.length;
    }
    if (remove.length > 0 && !tagErrors.has(plan.customerGid)) {
      const { data } = await pacer.call<TagsRemoveResult>(
        context.shop,
        TagsRemove,
        { id: plan.customerGid, tags: remove },
      );
      const [problem] = data.tagsRemove?.userErrors ?? [];
      if (problem)
        tagErrors.set(plan.customerGid, `tagsRemove: ${problem.message}`);
      else tagsRemoved += remove.length;
    }
  }
  const outcomes = toWrite.map(({ previous, plan }): CustomerSyncOutcome => {
    const metafieldError = errors.get(plan.customerGid);
    if (metafieldError !== undefined)
      return {
        customerGid: plan.customerGid,
        record: previous ?? { metafieldDigests: {}, tags: [] },
        error: metafieldError,
      };
    const tagError = tagErrors.get(plan.customerGid) ?? null;
    // Tags of a failed tag call are tried again next time; a partly applied change is harmless to repeat.
    const tags = tagError === null ? plan.synced.tags : (previous?.tags ?? []);
    return {
      customerGid: plan.customerGid,
      record: { metafieldDigests: plan.synced.metafieldDigests, tags },
      error: tagError,
    };
  });
  const failed = outcomes.filter((outcome) => outcome.error !== null).length;
  return {
    outcomes,
    progress: {
      written: outcomes.length - failed,
      unchanged: units.filter(
        (unit) => unit.plan !== null && isUpToDate(unit.plan),
      ).length,
      skipped: units.filter((unit) => unit.plan === null).length,
      failed,
      metafieldsWritten,
      tagsAdded,
      tagsRemoved,
    },
  };
}

/** Why a sync cannot go on, in the Settings page's words. */
export function syncProblemOf(error: unknown): SyncProblem {
  if (!(error instanceof AdminApiError)) return "INTERNAL";
  if (error.failure === "no-session" || error.failure === "unauthorized")
    return "NO_ACCESS";
  if (error.failure === "throttled" || error.failure === "unavailable")
    return "SHOPIFY_UNAVAILABLE";
  return "SHOPIFY_REFUSED";
}

export type SliceOutcome = "completed" | "continues" | "stopped";

/**
 * One slice of a run: batches from where the run stopped until the slice's time is up, the bucket
 * asks for a longer pause, or every customer is done. The next slice is enqueued as its own job.
 */
export async function runSyncSlice(
  shop: string,
  runId: string,
  slice: number,
  now: Date,
): Promise<SliceOutcome> {
  const run = await findSyncRun(shop, runId);
  if (run === null || run.status !== "running") return "stopped";
  const record = await findShop(shop);
  if (record === null || record.uninstalledAt !== null) {
    await failSyncRun(
      shop,
      runId,
      "UNINSTALLED",
      "The store has uninstalled Kizuna.",
      now,
    );
    return "stopped";
  }
  if ((await findSyncSettings(shop)).definitionsReadyAt === null)
    await ensureCustomerMetafieldDefinitions(shop, now);
  const context = await loadSyncContext(shop, record.currencyCode);
  const pacer = createPacer();
  const sliceStartedAt = performance.now();
  let cursor = run.cursor;
  for (;;) {
    const facts = await listSyncFactsPage(shop, cursor, PAGE_SIZE);
    if (facts.length === 0) {
      await completeSyncRun(shop, runId, new Date());
      return "completed";
    }
    for (const batch of packIntoBatches(
      await planUnits(context, facts),
      metafieldCountOf,
    )) {
      const { outcomes, progress } = await writeBatch(context, batch, pacer);
      const last = batch[batch.length - 1]!.customerGid;
      const saved = await retryWhileDatabaseBusy(() =>
        prisma.$transaction(async (tx) => {
          await saveCustomerSyncOutcomes(shop, outcomes, new Date(), tx);
          return saveSyncProgress(
            shop,
            { id: runId, cursor },
            last,
            progress,
            tx,
          );
        }),
      );
      if (!saved) {
        log.info(
          "Shopify sync slice left to the worker that moved the run on",
          { shop, runId },
        );
        return "stopped";
      }
      cursor = last;
      const pauseMs = pacer.pendingMs();
      if (
        pauseMs > LONGEST_PAUSE_IN_SLICE_MS ||
        performance.now() - sliceStartedAt > SLICE_MS
      ) {
        await enqueueSyncSlice(
          shop,
          runId,
          slice + 1,
          new Date(Date.now() + pauseMs),
        );
        return "continues";
      }
    }
  }
}

/** Ends the run and starts the one asked for meanwhile, in one transaction so neither is lost. */
async function completeSyncRun(
  shop: string,
  runId: string,
  now: Date,
): Promise<void> {
  const rerun = await retryWhileDatabaseBusy(() =>
    prisma.$transaction(async (tx) => {
      const run = await findSyncRun(shop, runId, tx);
      await finishSyncRun(shop, runId, { status: "completed" }, now, tx);
      if (run?.rerunTrigger)
        await startFullSync(shop, run.rerunTrigger, now, tx);
      return run?.rerunTrigger ?? null;
    }),
  );
  const run = await findSyncRun(shop, runId);
  log.info("Shopify sync completed", {
    shop,
    runId,
    customers: run?.customerCount,
    written: run?.writtenCount,
    unchanged: run?.unchangedCount,
    skipped: run?.skippedCount,
    failed: run?.failedCount,
    rerun: rerun,
  });
}

export async function failSyncRun(
  shop: string,
  runId: string,
  errorCode: SyncProblem,
  lastError: string,
  now: Date,
): Promise<void> {
  await finishSyncRun(
    shop,
    runId,
    { status: "failed", errorCode, lastError },
    now,
  );
  log.warn("Shopify sync failed", { shop, runId, errorCode });
}

export type ChangedSyncOutcome =
  "done" | "continues" | "not-installed" | "no-access";

/**
 * Writes the customers marked as changed, oldest mark first, until none is left or the slice is
 * over (then another job follows). Without access to the store the marks stay for later.
 */
export async function syncChangedCustomers(
  shop: string,
): Promise<ChangedSyncOutcome> {
  const record = await findShop(shop);
  if (record === null || record.uninstalledAt !== null) return "not-installed";
  const context = await loadSyncContext(shop, record.currencyCode);
  const pacer = createPacer();
  const sliceStartedAt = performance.now();
  try {
    for (;;) {
      const marks = await listChangedCustomers(shop, PAGE_SIZE);
      if (marks.length === 0) return "done";
      const facts = await findSyncFacts(
        shop,
        marks.map((mark) => mark.customerGid),
      );
      // A mark without analytics (the customer was erased meanwhile) has nothing to write.
      const withFacts = new Set(facts.map((fact) => fact.customerGid));
      await clearChangeMarks(
        shop,
        marks.filter((mark) => !withFacts.has(mark.customerGid)),
      );
      for (const batch of packIntoBatches(
        await planUnits(context, facts),
        metafieldCountOf,
      )) {
        const { outcomes } = await writeBatch(context, batch, pacer);
        const batchGids = new Set(batch.map((unit) => unit.customerGid));
        await retryWhileDatabaseBusy(() =>
          prisma.$transaction(async (tx) => {
            await saveCustomerSyncOutcomes(shop, outcomes, new Date(), tx);
            await clearChangeMarks(
              shop,
              marks.filter((mark) => batchGids.has(mark.customerGid)),
              tx,
            );
          }),
        );
        const pauseMs = pacer.pendingMs();
        if (
          pauseMs > LONGEST_PAUSE_IN_SLICE_MS ||
          performance.now() - sliceStartedAt > SLICE_MS
        ) {
          await enqueueChangedSync(shop, new Date(Date.now() + pauseMs));
          return "continues";
        }
      }
    }
  } catch (error) {
    if (syncProblemOf(error) !== "NO_ACCESS") throw error;
    log.info("changed customers not synced: no access to the store", { shop });
    return "no-access";
  }
}
