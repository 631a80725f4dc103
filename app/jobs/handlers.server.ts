// Job name → service (docs/decisions/006), and webhook topic → the job that ingests it
// (style.md §7.5). Adding a topic is one line in shopify.app.toml and one entry here; a test
// keeps the two in step.
import { z } from "zod";
import { BULK_OPERATION_FINISHED_JOB } from "../services/backfill-export.server.ts";
import { INGEST_JOB, REDACT_SHOP_JOB, ingestWebhookEvent, redactUninstalledShop } from "../services/ingest-webhook.server.ts";
import { analyticsJobHandlers } from "./analytics-jobs.server.ts";
import { backfillJobHandlers } from "./backfill-jobs.server.ts";
import { importJobHandlers } from "./import-jobs.server.ts";
import { syncJobHandlers } from "./sync-jobs.server.ts";
import { TerminalJobError, type JobHandlers } from "./worker.server.ts";

export type JobName = typeof INGEST_JOB | typeof REDACT_SHOP_JOB | typeof BULK_OPERATION_FINISHED_JOB;

/** Every subscribed topic; null for topics applied at once by receiveWebhook or not yet used. */
export const WEBHOOK_TOPIC_JOBS: Readonly<Record<string, JobName | null>> = {
  "app/uninstalled": INGEST_JOB,
  "app/scopes_update": null,
  "orders/create": INGEST_JOB,
  "orders/updated": INGEST_JOB,
  "orders/paid": INGEST_JOB,
  "orders/cancelled": INGEST_JOB,
  "refunds/create": INGEST_JOB,
  "customers/create": INGEST_JOB,
  "customers/update": INGEST_JOB,
  "customers/delete": INGEST_JOB,
  "customers_email_marketing_consent/update": INGEST_JOB,
  "bulk_operations/finish": BULK_OPERATION_FINISHED_JOB,
  "customers/data_request": INGEST_JOB,
  "customers/redact": INGEST_JOB,
  "shop/redact": INGEST_JOB,
};

const ingestPayload = z.object({ webhookEventId: z.string() });
const redactShopPayload = z.object({ dueAt: z.iso.datetime() });

function readPayload<T>(schema: z.ZodType<T>, payload: unknown, job: string): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new TerminalJobError(`${job} payload has the wrong shape`);
  return parsed.data;
}

export const jobHandlers: JobHandlers = {
  ...backfillJobHandlers,
  ...importJobHandlers,
  ...analyticsJobHandlers,
  ...syncJobHandlers,
  [INGEST_JOB]: async (job, now) => {
    const { webhookEventId } = readPayload(ingestPayload, job.payload, INGEST_JOB);
    await ingestWebhookEvent(job.shop, webhookEventId, now);
  },
  [REDACT_SHOP_JOB]: async (job, now) => {
    const { dueAt } = readPayload(redactShopPayload, job.payload, REDACT_SHOP_JOB);
    await redactUninstalledShop(job.shop, new Date(dueAt), now);
  },
};
