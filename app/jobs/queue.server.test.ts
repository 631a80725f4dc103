import { describe, expect, it } from "vitest";
import { prisma } from "../db.server.ts";
import { claimDueJob, countJobs, enqueueJob, renewJobLease } from "./queue.server.ts";
import { runNextJob, TerminalJobError, type JobHandlers } from "./worker.server.ts";

const LEASE_MS = 60_000;
let shopCounter = 0;
const newShop = () => `queue-${(shopCounter += 1)}.myshopify.com`;

describe("enqueueJob", () => {
  it("keeps one job per unique key however often it is enqueued", async () => {
    const shop = newShop();
    expect(await enqueueJob({ shop, name: "recomputeShop", payload: {}, uniqueKey: "daily-2026-11-26" })).toBe(true);
    expect(await enqueueJob({ shop, name: "recomputeShop", payload: {}, uniqueKey: "daily-2026-11-26" })).toBe(false);
    expect((await countJobs(shop)).pending).toBe(1);
  });
});

describe("claimDueJob", () => {
  it("hands each due job to exactly one of two racing workers", async () => {
    const shop = newShop();
    const now = new Date("2030-01-01T00:00:00Z");
    await prisma.job.deleteMany({});
    await enqueueJob({ shop, name: "a", payload: { n: 1 }, runAt: new Date("2029-12-31T00:00:00Z") });
    await enqueueJob({ shop, name: "b", payload: { n: 2 }, runAt: new Date("2029-12-31T00:00:01Z") });
    const [first, second] = await Promise.all([claimDueJob(now, LEASE_MS), claimDueJob(now, LEASE_MS)]);
    expect(new Set([first?.name, second?.name])).toEqual(new Set(["a", "b"]));
    expect(await claimDueJob(now, LEASE_MS)).toBeNull();
  });

  it("gives a job whose worker died to another worker once the lease runs out", async () => {
    await prisma.job.deleteMany({});
    const shop = newShop();
    const now = new Date("2030-01-01T00:00:00Z");
    await enqueueJob({ shop, name: "slow", payload: {}, runAt: now });
    expect((await claimDueJob(now, LEASE_MS))?.attempts).toBe(1);
    expect(await claimDueJob(new Date(now.getTime() + LEASE_MS - 1), LEASE_MS)).toBeNull();
    expect((await claimDueJob(new Date(now.getTime() + LEASE_MS + 1), LEASE_MS))?.attempts).toBe(2);
  });

  it("hands a job over soon after its worker died when the worker kept a short lease, and refuses the old worker's renewal", async () => {
    await prisma.job.deleteMany({});
    const now = new Date("2030-01-01T00:00:00Z");
    await enqueueJob({ shop: newShop(), name: "import", payload: {}, runAt: now });
    const first = (await claimDueJob(now, LEASE_MS))!;
    expect(await renewJobLease(first, new Date(now.getTime() + 20_000))).toBe(true);
    const second = await claimDueJob(new Date(now.getTime() + 20_001), LEASE_MS);
    expect(second?.attempts).toBe(2);
    expect(await renewJobLease(first, new Date(now.getTime() + 40_000))).toBe(false);
    expect(await renewJobLease(second!, new Date(now.getTime() + 40_000))).toBe(true);
  });

  it("leaves a job scheduled in the future alone", async () => {
    await prisma.job.deleteMany({});
    await enqueueJob({ shop: newShop(), name: "later", payload: {}, runAt: new Date("2031-01-01T00:00:00Z") });
    expect(await claimDueJob(new Date("2030-01-01T00:00:00Z"), LEASE_MS)).toBeNull();
  });
});

describe("runNextJob", () => {
  it("runs the handler with the stored payload and marks the job done", async () => {
    await prisma.job.deleteMany({});
    const shop = newShop();
    const seen: unknown[] = [];
    const handlers: JobHandlers = { greet: async (job) => void seen.push(job.payload) };
    await enqueueJob({ shop, name: "greet", payload: { orderGid: "gid://shopify/Order/9007199254740993" } });
    expect(await runNextJob(handlers)).toBe(true);
    expect(seen).toEqual([{ orderGid: "gid://shopify/Order/9007199254740993" }]);
    expect(await countJobs(shop)).toEqual({ pending: 0, running: 0, done: 1, failed: 0 });
  });

  it("reschedules a failing job with back-off and keeps the error visible", async () => {
    await prisma.job.deleteMany({});
    const shop = newShop();
    const now = new Date("2030-01-01T00:00:00Z");
    await enqueueJob({ shop, name: "flaky", payload: {}, runAt: now });
    await runNextJob({ flaky: async () => Promise.reject(new Error("SMTP unavailable")) }, () => now);
    const job = await prisma.job.findFirstOrThrow({ where: { shop } });
    expect(job).toMatchObject({ status: "pending", attempts: 1, lastError: "Error: SMTP unavailable" });
    expect(job.runAt.toISOString()).toBe("2030-01-01T00:00:05.000Z");
  });

  it("fails a job for good on a terminal error or an unknown job name", async () => {
    await prisma.job.deleteMany({});
    const shop = newShop();
    await enqueueJob({ shop, name: "gone", payload: {} });
    await enqueueJob({ shop, name: "unknown", payload: {} });
    const handlers: JobHandlers = { gone: async () => Promise.reject(new TerminalJobError("shop uninstalled")) };
    await runNextJob(handlers);
    await runNextJob(handlers);
    const jobs = await prisma.job.findMany({ where: { shop }, orderBy: { name: "asc" } });
    expect(jobs.map((job) => [job.name, job.status, job.lastError])).toEqual([
      ["gone", "failed", "TerminalJobError: shop uninstalled"],
      ["unknown", "failed", "TerminalJobError: no handler for job unknown"],
    ]);
  });
});
