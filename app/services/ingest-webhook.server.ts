// Turns one recorded webhook event into stored rows (product.md §1, §6; style.md §7.5). Merging is
// the domain's (idempotent, order-insensitive); this module reads, merges and writes in one
// transaction per event, so a failure writes nothing and a retry starts from the stored state.
//
// Two jobs about the same order must not interleave. SQLite has a single writer: of two
// transactions that both read the order, the one that cannot take the write lock fails with
// SQLITE_BUSY and starts again from its read (retryWhileDatabaseBusy, then the job's own retry).
// On PostgreSQL this needs the order row locked (SELECT … FOR UPDATE).
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import { applyCustomerDelete, applyCustomerUpdate, applyEmailConsent } from "../domain/customers.ts";
import { parseCustomerCompliancePayload } from "../domain/ingest/compliance-payload.ts";
import { parseCustomerDeletePayload, parseCustomerPayload, parseEmailConsentPayload } from "../domain/ingest/customer-payload.ts";
import { parseOrderPayload } from "../domain/ingest/order-payload.ts";
import { parseRefundPayload } from "../domain/ingest/refund-payload.ts";
import type { PayloadError } from "../domain/ingest/shopify-json.ts";
import { applyOrderUpdate, applyRefund } from "../domain/orders.ts";
import { enqueueJob } from "../jobs/queue.server.ts";
import { TerminalJobError } from "../jobs/worker.server.ts";
import { log } from "../log.server.ts";
import { retryWhileDatabaseBusy } from "../models/database-busy.server.ts";
import { updateAnalyticsForOrder } from "./analytics/update-customers.server.ts";
import {
  deleteCustomerData,
  exportCustomerData,
  findCustomerState,
  saveCustomerState,
  saveDataRequestExport,
  type DataRequestExportRow,
} from "../models/customers.server.ts";
import { findOrderState, saveOrderState } from "../models/orders.server.ts";
import { deleteShopData } from "../models/shop-data.server.ts";
import { findShop } from "../models/shops.server.ts";
import { findWebhookEvent, type StoredWebhookEvent } from "../models/webhook-events.server.ts";

function inWriteTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return retryWhileDatabaseBusy(() => prisma.$transaction(work));
}

export const INGEST_JOB = "ingestWebhookEvent";
export const REDACT_SHOP_JOB = "redactShop";

/** How long an uninstalled shop's data is kept in case the merchant reinstalls (as Shopify's shop/redact). */
const UNINSTALL_GRACE_MS = 48 * 60 * 60 * 1000;

type Ingestion = (event: StoredWebhookEvent, now: Date) => Promise<void>;

const INGESTIONS: Readonly<Record<string, Ingestion>> = {
  "orders/create": ingestOrder,
  "orders/updated": ingestOrder,
  "orders/paid": ingestOrder,
  "orders/cancelled": ingestOrder,
  "refunds/create": ingestRefund,
  "customers/create": ingestCustomer,
  "customers/update": ingestCustomer,
  "customers/delete": ingestCustomerDelete,
  "customers_email_marketing_consent/update": ingestEmailConsent,
  "customers/data_request": prepareDataRequestExport,
  "customers/redact": redactCustomer,
  "shop/redact": redactShopNow,
  "app/uninstalled": scheduleShopRedaction,
};

export const INGESTED_TOPICS: ReadonlySet<string> = new Set(Object.keys(INGESTIONS));

export type IngestOutcome = "applied" | "event-erased";

/**
 * Applies one inbox event. An event erased meanwhile (customers/redact, shop/redact) is skipped;
 * a payload that can never be read, or a topic without an ingestion, fails terminally.
 */
export async function ingestWebhookEvent(shop: string, webhookEventId: string, now: Date): Promise<IngestOutcome> {
  const event = await findWebhookEvent(shop, webhookEventId);
  if (event === null) {
    log.info("webhook event erased before ingestion", { shop, webhookEventId });
    return "event-erased";
  }
  const ingestion = INGESTIONS[event.topic];
  if (!ingestion) throw new TerminalJobError(`no ingestion for topic ${event.topic}`);
  await ingestion(event, now);
  return "applied";
}

/**
 * The redactShop job due at `dueAt`: erases the shop if it is still uninstalled and has been for the
 * whole grace period. A reinstall cancels it; a later uninstall moves it to that uninstall's due time.
 */
export async function redactUninstalledShop(shop: string, dueAt: Date, now: Date): Promise<"erased" | "kept" | "rescheduled"> {
  const record = await findShop(shop);
  if (record?.uninstalledAt == null) {
    log.info("uninstalled shop not erased: reinstalled or already erased", { shop });
    return "kept";
  }
  const graceEndsAt = new Date(record.uninstalledAt.getTime() + UNINSTALL_GRACE_MS);
  if (now < graceEndsAt) {
    await scheduleRedactShop(shop, graceEndsAt);
    return "rescheduled";
  }
  await inWriteTransaction((tx) => deleteShopData(shop, { name: REDACT_SHOP_JOB, uniqueKey: redactShopKey(dueAt) }, tx));
  log.info("uninstalled shop erased", { shop });
  return "erased";
}

/** The uniqueKey of the redactShop job due at `dueAt`, so each due time is enqueued once. */
export function redactShopKey(dueAt: Date): string {
  return `due-${dueAt.toISOString()}`;
}

async function scheduleRedactShop(shop: string, dueAt: Date): Promise<void> {
  await enqueueJob({ shop, name: REDACT_SHOP_JOB, payload: { dueAt: dueAt.toISOString() }, runAt: dueAt, uniqueKey: redactShopKey(dueAt) });
}

function readOrFail<T extends { ok: true }>(event: StoredWebhookEvent, result: T | PayloadError): T {
  if (result.ok) return result;
  throw new TerminalJobError(`${event.topic} payload unreadable: ${result.reason} at "${result.path}"`);
}

// The customer's analytics are updated in the same transaction as the order, so they are current
// the moment the order is (docs/decisions/011).
async function ingestOrder(event: StoredWebhookEvent, now: Date): Promise<void> {
  const { order } = readOrFail(event, parseOrderPayload(event.payload));
  await inWriteTransaction(async (tx) => {
    const stored = await findOrderState(event.shop, order.orderGid, tx);
    const updated = applyOrderUpdate(stored, order);
    await saveOrderState(event.shop, updated, "webhook", tx);
    await updateAnalyticsForOrder(event.shop, stored, updated, order.orderGid, now, tx);
  });
}

async function ingestRefund(event: StoredWebhookEvent, now: Date): Promise<void> {
  const { refund } = readOrFail(event, parseRefundPayload(event.payload));
  await inWriteTransaction(async (tx) => {
    const stored = await findOrderState(event.shop, refund.orderGid, tx);
    const updated = applyRefund(stored, refund);
    await saveOrderState(event.shop, updated, "webhook", tx);
    await updateAnalyticsForOrder(event.shop, stored, updated, refund.refundGid, now, tx);
  });
}

async function ingestCustomer(event: StoredWebhookEvent, now: Date): Promise<void> {
  const { customer } = readOrFail(event, parseCustomerPayload(event.payload));
  await inWriteTransaction(async (tx) => {
    const stored = await findCustomerState(event.shop, customer.customerGid, tx);
    await saveCustomerState(event.shop, applyCustomerUpdate(stored, customer), now, tx);
  });
}

async function ingestCustomerDelete(event: StoredWebhookEvent, now: Date): Promise<void> {
  const { customerGid } = readOrFail(event, parseCustomerDeletePayload(event.payload));
  await inWriteTransaction((tx) => saveCustomerState(event.shop, applyCustomerDelete(customerGid), now, tx));
}

async function ingestEmailConsent(event: StoredWebhookEvent, now: Date): Promise<void> {
  const { customerGid, consent } = readOrFail(event, parseEmailConsentPayload(event.payload));
  await inWriteTransaction(async (tx) => {
    const stored = await findCustomerState(event.shop, customerGid, tx);
    await saveCustomerState(event.shop, applyEmailConsent(stored, customerGid, consent), now, tx);
  });
}

async function prepareDataRequestExport(event: StoredWebhookEvent, now: Date): Promise<void> {
  const { request } = readOrFail(event, parseCustomerCompliancePayload(event.payload));
  const exported = await inWriteTransaction(async (tx) => {
    const content = await exportCustomerData(event.shop, request.customerGid, request.orderGids, tx);
    const row: DataRequestExportRow = {
      customerGid: request.customerGid,
      dataRequestId: request.dataRequestId,
      content: JSON.stringify(content),
      createdAt: now,
    };
    await saveDataRequestExport(event.shop, event.id, row, tx);
    return content;
  });
  log.info("customer data export prepared", { shop: event.shop, webhookEventId: event.id, orderCount: exported.orders.length });
}

async function redactCustomer(event: StoredWebhookEvent): Promise<void> {
  const { request } = readOrFail(event, parseCustomerCompliancePayload(event.payload));
  await inWriteTransaction((tx) => deleteCustomerData(event.shop, request.customerGid, request.orderGids, tx));
  log.info("customer data erased", { shop: event.shop, webhookEventId: event.id });
}

async function redactShopNow(event: StoredWebhookEvent): Promise<void> {
  await inWriteTransaction((tx) => deleteShopData(event.shop, { name: INGEST_JOB, uniqueKey: event.id }, tx));
  log.info("shop data erased", { shop: event.shop, webhookEventId: event.id });
}

// receiveWebhook marks the shop uninstalled just after enqueueing this, so the event's own time is
// used; redactShop re-reads Shop.uninstalledAt when it runs.
async function scheduleShopRedaction(event: StoredWebhookEvent): Promise<void> {
  await scheduleRedactShop(event.shop, new Date(event.receivedAt.getTime() + UNINSTALL_GRACE_MS));
}
