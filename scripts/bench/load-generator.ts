// The load generator of `scripts/bench/webhooks.ts`, run as its own process so that it never shares
// an event loop with the server it measures. It keeps `connections` keep-alive sockets busy with
// signed orders/create deliveries, each with a distinct order and X-Shopify-Event-Id, and prints
// one JSON LoadResult on stdout when done.
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { signWebhook } from "../../tests/simulator/delivery/sign.ts";
import { ORDER_ID_TOKEN, type LoadConfig, type LoadResult } from "./load-protocol.ts";
import { latencySummary } from "./statistics.ts";

async function main(config: LoadConfig): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: config.connections });
  const bodyParts = config.bodyTemplate.split(ORDER_ID_TOKEN);
  const cpuAtStart = process.cpuUsage();
  const url = new URL(config.url);
  let nextOrderId = 900_000_000_000;
  let sent = 0;
  let acknowledged = 0;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let measuredAcknowledged = 0;

  const startedAt = performance.now();
  const measureFrom = startedAt + config.warmupMs;
  const measureUntil = measureFrom + config.durationMs;
  const wantsMore = () => {
    const now = performance.now();
    return now < measureUntil && (config.maxRequests === null || now < measureFrom || latencies.length < config.maxRequests);
  };

  function deliver(): Promise<number | string> {
    const orderId = String(nextOrderId++);
    const body = bodyParts.join(orderId);
    const headers = {
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(body)),
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Hmac-Sha256": signWebhook(body, config.apiSecret),
      "X-Shopify-Shop-Domain": config.shop,
      "X-Shopify-API-Version": config.apiVersion,
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    };
    return new Promise((resolve) => {
      const outgoing = request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", (error) => resolve(error.message));
      });
      outgoing.on("error", (error) => resolve(error.message));
      outgoing.end(body);
    });
  }

  async function connectionLoop(): Promise<void> {
    while (wantsMore()) {
      const sentAt = performance.now();
      sent += 1;
      const outcome = await deliver();
      const answeredAt = performance.now();
      const ok = typeof outcome === "number" && outcome >= 200 && outcome < 300;
      if (ok) acknowledged += 1;
      if (sentAt < measureFrom) continue;
      latencies.push(answeredAt - sentAt);
      if (ok) measuredAcknowledged += 1;
      else errors[String(outcome)] = (errors[String(outcome)] ?? 0) + 1;
    }
  }

  await Promise.all(Array.from({ length: config.connections }, connectionLoop));
  const seconds = (performance.now() - measureFrom) / 1000;
  agent.destroy();
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    sent,
    acknowledged,
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / sent,
    measured: {
      seconds,
      requests: latencies.length,
      acknowledged: measuredAcknowledged,
      requestsPerSecond: measuredAcknowledged / seconds,
      latencyMs: latencySummary(latencies),
      errors,
    },
  };
}

const config = JSON.parse(process.argv[2] ?? "") as LoadConfig;
process.stdout.write(`${JSON.stringify(await main(config))}\n`);
