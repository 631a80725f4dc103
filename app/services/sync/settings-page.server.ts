// The Settings page's sync card: how the last runs went (with progress while one runs), customers
// waiting for their change to reach Shopify or whose write failed, the tag setting, and Sync now.
import {
  readTagPrefix,
  type TagPrefixProblem,
} from "../../domain/sync/customer-tags.ts";
import {
  syncRunPercent,
  type SyncProblem,
} from "../../domain/sync/sync-plan.ts";
import {
  countChangedCustomers,
  listFailedCustomerSyncs,
} from "../../models/customer-syncs.server.ts";
import { findShop } from "../../models/shops.server.ts";
import {
  listSyncRuns,
  type SyncRun,
  type SyncTrigger,
} from "../../models/sync-runs.server.ts";
import {
  findSyncSettings,
  saveTagSettings,
} from "../../models/sync-settings.server.ts";
import { requestFullSync } from "./sync-requests.server.ts";

const RECENT_RUNS = 10;
const LISTED_FAILURES = 10;

export type SyncRunView = {
  readonly id: string;
  readonly trigger: SyncTrigger;
  readonly status: SyncRun["status"];
  readonly percent: number;
  readonly customerCount: number;
  readonly doneCount: number;
  readonly writtenCount: number;
  readonly unchangedCount: number;
  readonly skippedCount: number;
  readonly failedCount: number;
  readonly rerunRequested: boolean;
  readonly errorCode: SyncProblem | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
};

export type SyncSettingsPage = {
  readonly timeZone: string;
  readonly tagsEnabled: boolean;
  readonly tagPrefix: string;
  readonly definitionsReady: boolean;
  /** Newest first; the first is the one the progress bar follows. */
  readonly runs: SyncRunView[];
  /** Customers whose analytics changed and whose sync has not run yet. */
  readonly waitingCount: number;
  readonly failures: {
    readonly count: number;
    readonly customers: {
      customerGid: string;
      lastError: string;
      failedAt: string;
    }[];
  };
};

function toView(run: SyncRun): SyncRunView {
  const doneCount =
    run.writtenCount + run.unchangedCount + run.skippedCount + run.failedCount;
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    percent: syncRunPercent(run.status, doneCount, run.customerCount),
    customerCount: run.customerCount,
    doneCount,
    writtenCount: run.writtenCount,
    unchangedCount: run.unchangedCount,
    skippedCount: run.skippedCount,
    failedCount: run.failedCount,
    rerunRequested: run.rerunTrigger !== null,
    errorCode: run.errorCode,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export async function getSyncSettingsPage(
  shop: string,
): Promise<SyncSettingsPage> {
  const [record, settings, runs, waitingCount, failures] = await Promise.all([
    findShop(shop),
    findSyncSettings(shop),
    listSyncRuns(shop, RECENT_RUNS),
    countChangedCustomers(shop),
    listFailedCustomerSyncs(shop, LISTED_FAILURES),
  ]);
  return {
    timeZone: record?.ianaTimezone ?? "UTC",
    tagsEnabled: settings.tagsEnabled,
    tagPrefix: settings.tagPrefix,
    definitionsReady: settings.definitionsReadyAt !== null,
    runs: runs.map(toView),
    waitingCount,
    failures: {
      count: failures.count,
      customers: failures.customers.map((customer) => ({
        ...customer,
        failedAt: customer.failedAt.toISOString(),
      })),
    },
  };
}

export type SyncSettingsAction =
  | {
      readonly ok: true;
      readonly intent: "saveTags";
      readonly syncStarted: boolean;
    }
  | {
      readonly ok: true;
      readonly intent: "syncNow";
      readonly outcome: "started" | "after-running";
    }
  | {
      readonly ok: false;
      readonly intent: "saveTags";
      readonly problem: TagPrefixProblem;
    }
  | {
      readonly ok: false;
      readonly intent: "syncNow";
      readonly problem: "NOT_INSTALLED" | "NO_ACCESS";
    }
  | { readonly ok: false; readonly intent: "unknown" };

/** The form's two buttons: save the tag setting (a change re-tags every customer), or Sync now. */
export async function handleSyncSettingsForm(
  shop: string,
  form: FormData,
  now: Date,
): Promise<SyncSettingsAction> {
  const intent = form.get("intent");
  if (intent === "saveTags") {
    const tagsEnabled = form.get("tagsEnabled") === "on";
    const prefix = readTagPrefix(String(form.get("tagPrefix") ?? ""));
    if (!prefix.ok) return { ok: false, intent, problem: prefix.problem };
    const before = await findSyncSettings(shop);
    await saveTagSettings(shop, { tagsEnabled, tagPrefix: prefix.prefix });
    // Tags off and a new prefix with tags off change nothing in Shopify until tags are on again.
    const tagsChange =
      before.tagsEnabled !== tagsEnabled ||
      (tagsEnabled && before.tagPrefix !== prefix.prefix);
    const started = tagsChange
      ? await requestFullSync(shop, "settings", now)
      : null;
    return {
      ok: true,
      intent,
      syncStarted:
        started !== null &&
        (started.outcome === "started" || started.outcome === "after-running"),
    };
  }
  if (intent === "syncNow") {
    const request = await requestFullSync(shop, "merchant", now);
    if (request.outcome === "not-installed")
      return { ok: false, intent, problem: "NOT_INSTALLED" };
    if (request.outcome === "no-access")
      return { ok: false, intent, problem: "NO_ACCESS" };
    return { ok: true, intent, outcome: request.outcome };
  }
  return { ok: false, intent: "unknown" };
}
