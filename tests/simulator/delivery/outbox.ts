// At-least-once webhook delivery as Shopify describes it (shopify-platform.md §6): POST to the
// subscription's address, any 2xx within 5 s counts, anything else is retried on a backoff schedule
// (8 retries). On request it also duplicates, reorders, delays or holds deliveries, because Shopify
// gives no ordering or exactly-once guarantee and the app must cope with both.
import { randomUUID } from "node:crypto";
import { signWebhook } from "./sign.ts";

/** Shopify retries 8 times over about 4 hours; the exact spacing is not documented, this one doubles. */
export const SHOPIFY_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_840_000, 7_680_000];
const DELIVERY_TIMEOUT_MS = 5000;

export type WebhookEvent = {
  shop: string;
  topic: string;
  payload: unknown;
  /** ISO instant of the write that caused the event. */
  triggeredAt: string;
};

export type WebhookSubscription = { topic: string; uri: string; name: string | null };

export type DeliveryAttempt = {
  attemptedAt: string;
  /** HTTP status of the receiver's answer, or null when none came (refused, timed out). */
  status: number | null;
  error: string | null;
};

export type DeliveryStatus = "pending" | "delivered" | "failed";

export type DeliveryRecord = {
  webhookId: string;
  eventId: string;
  shop: string;
  topic: string;
  url: string;
  triggeredAt: string;
  body: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** The webhook id of the delivery this one duplicates, if it was duplicated on request. */
  duplicateOf: string | null;
};

export type DuplicateMode = "off" | "same-webhook-id" | "new-webhook-id";

export type DeliveryControls = {
  /** While paused nothing is sent; deliveries wait in order. */
  paused?: boolean;
  /** Reorders the deliveries waiting right now. */
  reorder?: "reverse";
  /** Sends every later event twice, as Shopify sometimes does. */
  duplicate?: DuplicateMode;
  /** Holds every later delivery back this long before its first attempt. */
  delayMs?: number;
};

export type OutboxOptions = {
  appUrl: string;
  apiSecret: string;
  apiVersion: string;
  subscriptions: readonly WebhookSubscription[];
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  now: () => Date;
};

type QueuedDelivery = DeliveryRecord & { dueAtMs: number; headers: Record<string, string> };

function resolveDeliveryUrl(appUrl: string, uri: string): string {
  return /^https?:\/\//.test(uri) ? uri : `${appUrl.replace(/\/$/, "")}${uri}`;
}

export class Outbox {
  private readonly options: OutboxOptions;
  private readonly retryDelaysMs: readonly number[];
  private readonly records: QueuedDelivery[] = [];
  private queue: QueuedDelivery[] = [];
  private paused = false;
  private duplicate: DuplicateMode = "off";
  private delayMs = 0;
  private sending = false;
  private timer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(options: OutboxOptions) {
    this.options = options;
    this.retryDelaysMs = options.retryDelaysMs ?? SHOPIFY_RETRY_DELAYS_MS;
  }

  hasSubscription(topic: string): boolean {
    return this.options.subscriptions.some((subscription) => subscription.topic === topic);
  }

  /** Queues one delivery per subscription of each event's topic; events nobody subscribes to are dropped. */
  enqueue(events: readonly WebhookEvent[]): void {
    const dueAtMs = Date.now() + this.delayMs;
    for (const event of events) {
      const eventId = randomUUID();
      const body = JSON.stringify(event.payload);
      for (const subscription of this.options.subscriptions) {
        if (subscription.topic !== event.topic) continue;
        const original = this.createDelivery(event, subscription, eventId, body, randomUUID(), null, dueAtMs);
        if (this.duplicate === "off") continue;
        const webhookId = this.duplicate === "same-webhook-id" ? original.webhookId : randomUUID();
        this.createDelivery(event, subscription, eventId, body, webhookId, original.webhookId, dueAtMs);
      }
    }
    this.schedule();
  }

  configure(controls: DeliveryControls): void {
    if (controls.duplicate !== undefined) this.duplicate = controls.duplicate;
    if (controls.delayMs !== undefined) this.delayMs = controls.delayMs;
    if (controls.reorder === "reverse") this.queue.reverse();
    if (controls.paused !== undefined) this.paused = controls.paused;
    this.schedule();
  }

  /** Sends everything waiting now, skipping backoff waits, and resolves once nothing is pending. */
  async flush(): Promise<void> {
    if (this.paused && this.queue.length > 0) throw new Error("The outbox is paused; resume it before flushing.");
    for (const delivery of this.queue) delivery.dueAtMs = 0;
    this.schedule();
    if (this.queue.length === 0 && !this.sending) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  list(shop?: string): DeliveryRecord[] {
    return this.records
      .filter((record) => shop === undefined || record.shop === shop)
      .map(({ dueAtMs: _dueAtMs, headers: _headers, ...record }) => ({ ...record, attempts: [...record.attempts] }));
  }

  reset(): void {
    this.records.length = 0;
    this.queue = [];
    this.paused = false;
    this.duplicate = "off";
    this.delayMs = 0;
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.resolveIdleWaiters();
  }

  private createDelivery(
    event: WebhookEvent,
    subscription: WebhookSubscription,
    eventId: string,
    body: string,
    webhookId: string,
    duplicateOf: string | null,
    dueAtMs: number,
  ): QueuedDelivery {
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "X-Shopify-Topic": event.topic,
      "X-Shopify-Hmac-Sha256": signWebhook(body, this.options.apiSecret),
      "X-Shopify-Shop-Domain": event.shop,
      "X-Shopify-API-Version": this.options.apiVersion,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": eventId,
      "X-Shopify-Triggered-At": event.triggeredAt,
    };
    if (subscription.name) headers["X-Shopify-Name"] = subscription.name;
    const delivery: QueuedDelivery = {
      webhookId,
      eventId,
      shop: event.shop,
      topic: event.topic,
      url: resolveDeliveryUrl(this.options.appUrl, subscription.uri),
      triggeredAt: event.triggeredAt,
      body,
      status: "pending",
      attempts: [],
      duplicateOf,
      dueAtMs,
      headers,
    };
    this.records.push(delivery);
    this.queue.push(delivery);
    return delivery;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed || this.sending) return;
    if (this.queue.length === 0) {
      this.resolveIdleWaiters();
      return;
    }
    if (this.paused) return;
    const nextDueAtMs = Math.min(...this.queue.map((delivery) => delivery.dueAtMs));
    this.timer = setTimeout(() => void this.sendDue(), Math.max(0, nextDueAtMs - Date.now()));
  }

  /** Sends due deliveries one at a time, in queue order, so the default order is the trigger order. */
  private async sendDue(): Promise<void> {
    this.timer = null;
    this.sending = true;
    try {
      for (;;) {
        if (this.closed || this.paused) break;
        const delivery = this.queue.find((candidate) => candidate.dueAtMs <= Date.now());
        if (!delivery) break;
        await this.attempt(delivery);
      }
    } finally {
      this.sending = false;
      this.schedule();
    }
  }

  private async attempt(delivery: QueuedDelivery): Promise<void> {
    const attemptedAt = this.options.now().toISOString();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DELIVERY_TIMEOUT_MS),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    delivery.attempts.push({ attemptedAt, status, error });
    if (this.closed) return;
    const failedAttempts = delivery.attempts.length;
    if (status !== null && status >= 200 && status < 300) {
      delivery.status = "delivered";
      this.queue = this.queue.filter((queued) => queued !== delivery);
    } else if (failedAttempts > this.retryDelaysMs.length) {
      delivery.status = "failed";
      this.queue = this.queue.filter((queued) => queued !== delivery);
    } else {
      const flushing = delivery.dueAtMs === 0;
      delivery.dueAtMs = flushing ? 0 : Date.now() + (this.retryDelaysMs[failedAttempts - 1] ?? 0);
    }
  }

  private resolveIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
