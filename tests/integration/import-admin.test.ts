// The Import orders page over real HTTP: the built app, a session token minted with the test secret,
// multipart uploads streamed to IMPORT_UPLOAD_DIR, the in-process job worker running the import, and
// one store never seeing or reaching another store's imports.
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionToken } from "../simulator/auth.ts";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import { reservePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import { BROWSER_USER_AGENT } from "../support/browser-agent.ts";
import { projectRoot } from "../support/database.ts";
import { genericCsvFile, shopifyExportFile } from "../support/order-files.ts";
import { SimulatorClient } from "../support/simulator.ts";

const SHOP = "import-admin.myshopify.com";
const OTHER_SHOP = "import-elsewhere.myshopify.com";
const MAX_UPLOAD_BYTES = 4000;
const DATA_PATH = "/app/import?_data=routes%2Fapp.import";
const uploadDir = join(projectRoot, "tests/.artifacts/imports", randomUUID());

type RunView = {
  id: string;
  fileName: string;
  status: string;
  percent: number;
  format: string | null;
  ordersSaved: number;
  ordersCreated: number;
  customersCreated: number;
  badRowCount: number;
  badRows?: { line: number; column: string | null; message: string }[];
};
type ImportPageData = { maxUploadBytes: number; selected: RunView | null; history: RunView[] };

let simulator: Simulator;
let app: RunningApp;

const tokenFor = (shop: string) => mintSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
const headersFor = (shop: string) => ({ Authorization: `Bearer ${tokenFor(shop)}`, "User-Agent": BROWSER_USER_AGENT });

async function install(shop: string): Promise<void> {
  const host = Buffer.from(`${shop}/admin`).toString("base64url");
  const response = await fetch(`${app.origin}/app?embedded=1&shop=${shop}&host=${host}&locale=en&id_token=${tokenFor(shop)}`, {
    headers: { "User-Agent": BROWSER_USER_AGENT },
    redirect: "manual",
  });
  expect(response.status).toBe(200);
}

function upload(shop: string, content: string | null, fileName = "orders.csv"): Promise<Response> {
  const form = new FormData();
  form.append("format", "auto");
  if (content !== null) form.append("file", new Blob([content], { type: "text/csv" }), fileName);
  return fetch(`${app.origin}${DATA_PATH}`, { method: "POST", body: form, headers: headersFor(shop), redirect: "manual" });
}

async function importPage(shop: string, runId?: string): Promise<ImportPageData> {
  const response = await fetch(`${app.origin}${DATA_PATH}${runId ? `&run=${runId}` : ""}`, { headers: headersFor(shop) });
  expect(response.status).toBe(200);
  return (await response.json()) as ImportPageData;
}

async function waitUntilFinished(shop: string, runId: string): Promise<RunView & { badRows: NonNullable<RunView["badRows"]> }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { selected } = await importPage(shop, runId);
    if (selected && (selected.status === "done" || selected.status === "failed")) return selected as RunView & { badRows: NonNullable<RunView["badRows"]> };
    if (Date.now() > deadline) throw new Error(`import ${runId} did not finish: ${JSON.stringify(selected)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  const port = await reservePort();
  simulator = await startSimulator({ port: 0, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: `http://127.0.0.1:${port}` });
  const shopify = new SimulatorClient(simulator.origin);
  await shopify.seedShop({ shop: SHOP, name: "Import Admin 茶舗", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" });
  await shopify.seedShop({ shop: OTHER_SHOP, name: "Elsewhere", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo" });
  app = await startApp({
    port,
    adminOrigin: simulator.origin,
    env: { IMPORT_UPLOAD_DIR: uploadDir, IMPORT_MAX_BYTES: String(MAX_UPLOAD_BYTES) },
  });
  await install(SHOP);
  await install(OTHER_SHOP);
});

afterAll(async () => {
  await app?.close();
  await simulator?.close();
});

describe("POST /app/import", () => {
  it("imports an uploaded export through a job, then shows its summary and bad rows", async () => {
    // GIVEN Shopify's export with one broken row appended
    const content = shopifyExportFile("2025").replace(/\n$/, "\n#1003,broken\n");

    // WHEN the merchant uploads it
    const response = await upload(SHOP, content, "orders_export.csv");

    // THEN the import is queued, runs, and reports the broken row by its line
    expect(response.status).toBe(200);
    const result = (await response.json()) as { ok: boolean; importRunId: string };
    expect(result.ok).toBe(true);
    const run = await waitUntilFinished(SHOP, result.importRunId);
    expect(run).toMatchObject({
      fileName: "orders_export.csv",
      status: "done",
      percent: 100,
      format: "shopify-export-2025",
      ordersSaved: 2,
      ordersCreated: 2,
      customersCreated: 1,
      badRowCount: 1,
    });
    expect(run.badRows).toEqual([{ line: 6, column: null, message: "WRONG_FIELD_COUNT" }]);
    const page = await importPage(SHOP);
    expect(page.history.map((entry) => entry.id)).toContain(result.importRunId);
    expect(page.maxUploadBytes).toBe(MAX_UPLOAD_BYTES);
    // AND the uploaded copy, which holds customer data, is gone
    expect(existsSync(join(uploadDir, SHOP)) ? readdirSync(join(uploadDir, SHOP)) : []).toEqual([]);
  });

  it("refuses a file over IMPORT_MAX_BYTES with a clear error and keeps nothing of it", async () => {
    const before = (await importPage(SHOP)).history.length;
    const rows = Array.from({ length: 200 }, (_, index) => `C-${index},O-${index},2024-03-01,${index},JPY`);
    const response = await upload(SHOP, genericCsvFile(rows));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: false, error: "FILE_TOO_LARGE" });
    expect((await importPage(SHOP)).history).toHaveLength(before);
    expect(existsSync(join(uploadDir, SHOP)) ? readdirSync(join(uploadDir, SHOP)) : []).toEqual([]);
  });

  it("asks for a file when the form has none", async () => {
    const response = await upload(SHOP, null);
    expect(await response.json()).toEqual({ ok: false, error: "NO_FILE" });
    const notMultipart = await fetch(`${app.origin}${DATA_PATH}`, { method: "POST", body: new URLSearchParams({ format: "auto" }), headers: headersFor(SHOP) });
    expect(await notMultipart.json()).toEqual({ ok: false, error: "NO_FILE" });
  });

  it("accepts no upload without a session token", async () => {
    const before = (await importPage(SHOP)).history.length;
    const form = new FormData();
    form.append("file", new Blob([genericCsvFile(["C-1,O-1,2024-03-01,1,JPY"])]), "orders.csv");
    const response = await fetch(`${app.origin}${DATA_PATH}`, { method: "POST", body: form, headers: { "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });
    // A data request is sent to the login instead (Remix answers 204 with X-Remix-Redirect).
    expect(response.status).toBe(204);
    expect(response.headers.get("x-remix-redirect")).toMatch(/^\/auth\/login/);
    expect((await importPage(SHOP)).history).toHaveLength(before);
  });
});

describe("GET /app/import across stores", () => {
  it("never shows one store's imports to another, even by id", async () => {
    // GIVEN an import of the first store
    const response = await upload(SHOP, genericCsvFile(["C-1,SECRET-1,2024-03-01,1,JPY"]), "first-store-secret.csv");
    const { importRunId } = (await response.json()) as { importRunId: string };
    await waitUntilFinished(SHOP, importRunId);

    // WHEN the other store asks for the page, and for that import by its id
    const ownPage = await importPage(OTHER_SHOP);
    const byId = await importPage(OTHER_SHOP, importRunId);

    // THEN it sees no import at all
    expect(ownPage).toMatchObject({ selected: null, history: [] });
    expect(byId).toMatchObject({ selected: null, history: [] });
    expect(JSON.stringify([ownPage, byId])).not.toContain("first-store-secret");
  });
});
