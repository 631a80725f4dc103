// Helpers of the Shopify sync tests: the Settings page's data and form over HTTP, the sync's state in
// the app's database, and the metafields and tags the simulated store holds.
import type { RunningApp } from "./app.ts";
import { waitFor } from "./backfill.ts";
import { BROWSER_USER_AGENT } from "./browser-agent.ts";
import type { PatientDatabase } from "./database.ts";
import type { SimulatorClient } from "./simulator.ts";

/** Where `$app:kizuna` lands in the simulator (its app id is 100000001). */
export const KIZUNA_NAMESPACE = "app--100000001--kizuna";

const DATA_PATH = "/app/settings?_data=routes%2Fapp.settings";

export type SettingsData = {
  tagsEnabled: boolean;
  tagPrefix: string;
  definitionsReady: boolean;
  waitingCount: number;
  runs: {
    id: string;
    trigger: string;
    status: string;
    percent: number;
    customerCount: number;
    writtenCount: number;
    unchangedCount: number;
    skippedCount: number;
    failedCount: number;
    errorCode: string | null;
  }[];
  failures: {
    count: number;
    customers: { customerGid: string; lastError: string }[];
  };
};

async function headersFor(
  simulator: SimulatorClient,
  shop: string,
): Promise<Record<string, string>> {
  return {
    Authorization: `Bearer ${await simulator.sessionToken(shop)}`,
    "User-Agent": BROWSER_USER_AGENT,
  };
}

export async function settingsData(
  app: RunningApp,
  simulator: SimulatorClient,
  shop: string,
): Promise<SettingsData> {
  const response = await fetch(`${app.origin}${DATA_PATH}`, {
    headers: await headersFor(simulator, shop),
  });
  if (response.status !== 200)
    throw new Error(`Settings answered ${response.status}`);
  return (await response.json()) as SettingsData;
}

/** Submits the Settings form as the page does; returns the action's answer. */
export async function submitSettings(
  app: RunningApp,
  simulator: SimulatorClient,
  shop: string,
  fields: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${app.origin}${DATA_PATH}`, {
    method: "POST",
    headers: {
      ...(await headersFor(simulator, shop)),
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields).toString(),
  });
  if (response.status !== 200)
    throw new Error(`Settings action answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Waits until the shop's sync has nothing left to do: no run running, no customer waiting, and no
 * job due within a few seconds (the daily recompute far ahead does not count).
 */
export async function waitForSettledSync(
  db: PatientDatabase,
  shop: string,
  timeoutMs = 90_000,
): Promise<void> {
  await waitFor(
    `the Shopify sync of ${shop} to settle`,
    async () => {
      const soon = new Date(Date.now() + 5000).toISOString();
      const [jobs, runs, waiting] = await Promise.all([
        db.execute({
          sql: "SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND status IN ('pending', 'running') AND runAt <= ?",
          args: [shop, soon],
        }),
        db.execute({
          sql: "SELECT COUNT(*) AS n FROM SyncRun WHERE shop = ? AND status = 'running'",
          args: [shop],
        }),
        db.execute({
          sql: "SELECT COUNT(*) AS n FROM CustomerSync WHERE shop = ? AND changedAt IS NOT NULL",
          args: [shop],
        }),
      ]);
      return [jobs, runs, waiting].every(
        (result) => Number(result.rows[0]!.n) === 0,
      );
    },
    timeoutMs,
    200,
  );
}

export type AnalyticsRow = {
  customerGid: string;
  orderCount: number;
  segment: string | null;
  shopifyRfmGroup: string;
  rankKey: string;
  rankSince: string | null;
  nextRankKey: string | null;
  nextRankGapSpendMinor: number | null;
  nextRankGapOrders: number | null;
  keepRankGapSpendMinor: number | null;
  keepRankGapOrders: number | null;
  keepRankReviewOn: string | null;
  keepRankOrderByOn: string | null;
  pendingRankKey: string | null;
  pendingRankOn: string | null;
};

export async function analyticsRows(
  db: PatientDatabase,
  shop: string,
): Promise<AnalyticsRow[]> {
  const result = await db.execute({
    sql: `SELECT customerGid, orderCount, segment, shopifyRfmGroup, rankKey, rankSince, nextRankKey, nextRankGapSpendMinor, nextRankGapOrders,
      keepRankGapSpendMinor, keepRankGapOrders, keepRankReviewOn, keepRankOrderByOn, pendingRankKey, pendingRankOn
      FROM CustomerAnalytics WHERE shop = ? ORDER BY customerGid`,
    args: [shop],
  });
  return result.rows.map((row) => ({ ...row }) as unknown as AnalyticsRow);
}

/** Kizuna's metafields in the simulated store, by owner then key, JSON values parsed. */
export async function storeMetafields(
  simulator: SimulatorClient,
  shop: string,
): Promise<Map<string, Record<string, { type: string; value: unknown }>>> {
  const { metafields } = await simulator.shopRecords(shop);
  const byOwner = new Map<
    string,
    Record<string, { type: string; value: unknown }>
  >();
  for (const metafield of metafields) {
    if (metafield.namespace !== KIZUNA_NAMESPACE) continue;
    const owned = byOwner.get(metafield.ownerId) ?? {};
    owned[metafield.key] = {
      type: metafield.type,
      value:
        metafield.type === "json"
          ? JSON.parse(metafield.value)
          : metafield.value,
    };
    byOwner.set(metafield.ownerId, owned);
  }
  return byOwner;
}

/** The metafieldsSet calls the app made to the store so far, each with its input. */
export async function metafieldsSetCalls(
  simulator: SimulatorClient,
  shop: string,
): Promise<{ ownerId: string; key: string }[][]> {
  const calls = await simulator.calls(shop);
  return calls
    .filter(
      (call) => call.operationName === "MetafieldsSet" && call.outcome === "ok",
    )
    .map((call) =>
      (call.variables.metafields as { ownerId: string; key: string }[]).map(
        ({ ownerId, key }) => ({ ownerId, key }),
      ),
    );
}
