// What the benchmark tells its load generator (argv[2], JSON) and what it prints back (stdout, JSON).
import type { LatencySummary } from "./statistics.ts";

export type LoadConfig = {
  url: string;
  apiSecret: string;
  shop: string;
  apiVersion: string;
  /** The orders/create body every delivery is made from; ORDER_ID_TOKEN is replaced per delivery. */
  bodyTemplate: string;
  connections: number;
  /** Unmeasured deliveries first, so that neither side is measured before its JIT has warmed up. */
  warmupMs: number;
  /** Measured for this long, or until `maxRequests` measured deliveries, whichever comes first. */
  durationMs: number;
  maxRequests: number | null;
};

export type LoadResult = {
  /** Every delivery of the run, warm-up included; `acknowledged` is what the zero-loss check compares with stored rows. */
  sent: number;
  acknowledged: number;
  /** The load generator's own CPU time per request, to show what it took from the shared cores. */
  cpuMsPerRequest: number;
  measured: {
    seconds: number;
    requests: number;
    acknowledged: number;
    requestsPerSecond: number;
    latencyMs: LatencySummary;
    /** Status codes other than 2xx, and transport errors by message. */
    errors: Record<string, number>;
  };
};

export const ORDER_ID_TOKEN = "__ORDER_ID__";
