import { describe, expect, it } from "vitest";
import { readAppConfig } from "../../tests/simulator/app-config.ts";
import { APP_TOML_PATH } from "../../tests/support/database.ts";
import { INGESTED_TOPICS } from "../services/ingest-webhook.server.ts";
import { WEBHOOK_TOPIC_JOBS, jobHandlers } from "./handlers.server.ts";

describe("WEBHOOK_TOPIC_JOBS", () => {
  it("names exactly the topics shopify.app.toml subscribes to", () => {
    const subscribed = readAppConfig(APP_TOML_PATH).subscriptions.map((subscription) => subscription.topic);
    expect(Object.keys(WEBHOOK_TOPIC_JOBS).sort()).toEqual([...subscribed].sort());
  });

  it("hands a topic to ingestWebhookEvent exactly when the ingestion knows it", () => {
    const handedToIngestion = Object.entries(WEBHOOK_TOPIC_JOBS)
      .filter(([, job]) => job === "ingestWebhookEvent")
      .map(([topic]) => topic);
    expect(handedToIngestion.sort()).toEqual([...INGESTED_TOPICS].sort());
  });

  it("names only jobs that have a handler", () => {
    const named = new Set(Object.values(WEBHOOK_TOPIC_JOBS).filter((job) => job !== null));
    expect([...named].every((job) => job in jobHandlers)).toBe(true);
    expect(Object.keys(jobHandlers).sort()).toEqual([
      "checkBackfillExports",
      "handleBulkOperationFinished",
      "importBackfillSlice",
      "importOrders",
      "ingestWebhookEvent",
      "prepareCustomerSync",
      "recomputeShop",
      "redactShop",
      "startBackfillExports",
      "syncChangedCustomers",
      "syncShopCustomers",
    ]);
  });
});
