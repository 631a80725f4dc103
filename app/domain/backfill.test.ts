import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backfillPercent, backfillPhase, ordersSearchFrom, ordersSinceFor, shouldStartBackfill, type BackfillStatus } from "./backfill.ts";

const NOW = new Date("2026-11-20T08:30:15.250Z");

describe("ordersSinceFor", () => {
  it("loads all history with read_all_orders and the last 60 days without it", () => {
    expect(ordersSinceFor(["read_orders", "read_all_orders"], NOW)).toBeNull();
    expect(ordersSinceFor(["read_orders"], NOW)).toEqual(new Date("2026-09-21T08:30:15.250Z"));
  });
});

describe("ordersSearchFrom", () => {
  it("filters on created_at in whole seconds, or not at all for all history", () => {
    expect(ordersSearchFrom(new Date("2026-09-21T08:30:15.250Z"))).toBe("created_at:>='2026-09-21T08:30:15Z'");
    expect(ordersSearchFrom(null)).toBeNull();
  });
});

describe("shouldStartBackfill", () => {
  it.each<[string, "install" | "merchant", BackfillStatus[], boolean]>([
    ["a first install", "install", [], true],
    ["an install after a failed backfill", "install", ["failed"], true],
    ["a reinstall of a shop whose history is loaded", "install", ["failed", "completed"], false],
    ["an install while one runs", "install", ["running"], false],
    ["the merchant after a completed backfill", "merchant", ["completed"], true],
    ["the merchant while one runs", "merchant", ["completed", "running"], false],
  ])("decides for %s", (_label, trigger, statuses, expected) => {
    expect(shouldStartBackfill(trigger, statuses)).toBe(expected);
  });
});

describe("backfillPercent", () => {
  it.each<[BackfillStatus, number, number | null, number]>([
    ["running", 0, null, 0],
    ["running", 0, 0, 0],
    ["running", 250, 1000, 25],
    ["running", 999, 1000, 99],
    ["running", 1200, 1000, 99],
    ["completed", 0, 0, 100],
    ["failed", 500, 1000, 50],
  ])("is %s with %i of %s orders → %i", (status, imported, expected, percent) => {
    expect(backfillPercent(status, imported, expected)).toBe(percent);
  });

  it("stays within 0..99 while running and never falls as orders are imported", () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.nat(100_000), (imported, more, expected) => {
        const before = backfillPercent("running", imported, expected);
        const after = backfillPercent("running", imported + more, expected);
        return before >= 0 && after <= 99 && after >= before;
      }),
    );
  });
});

describe("backfillPhase", () => {
  const started = { started: true, exported: false };
  const exported = { started: true, exported: true };
  it.each<[string, BackfillStatus, { started: boolean; exported: boolean }[], string]>([
    ["no export started yet", "running", [{ started: false, exported: false }, { started: false, exported: false }], "starting"],
    ["Shopify still writing one export", "running", [exported, started], "exporting"],
    ["both exports written", "running", [exported, exported], "importing"],
    ["a finished run", "completed", [exported, exported], "completed"],
    ["a failed run", "failed", [started, started], "failed"],
  ])("is %s → %s", (_label, status, exports, phase) => {
    expect(backfillPhase(status, exports)).toBe(phase);
  });
});
