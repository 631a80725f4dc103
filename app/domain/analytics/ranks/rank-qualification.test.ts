import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../calendar-days.ts";
import type { RankWindow } from "./rank-policy.ts";
import { buildThreeRankPolicy } from "./rank-policy.fixture.ts";
import {
  countOrders,
  createWindowMeter,
  type RankEvidence,
} from "./rank-qualification.ts";

describe("createWindowMeter", () => {
  it("measures every window exactly as filtering the orders one by one does", () => {
    const windows: RankWindow[] = [
      { kind: "rolling_months", months: 12 },
      { kind: "rolling_months", months: 1 },
      { kind: "calendar_year" },
      { kind: "lifetime" },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...windows),
        fc.array(
          fc.record({
            dayOffset: fc.integer({ min: 0, max: 800 }),
            netAmountMinor: fc.integer({ min: -500, max: 20_000 }),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: -30, max: 900 }),
        (window, plans, endOffset) => {
          const policy = buildThreeRankPolicy({}, { window });
          const orders = countOrders(
            policy,
            plans.map((plan, index) => ({
              orderKey: `o${index}`,
              occurredOn: addDays("2023-01-01", plan.dayOffset),
              netAmountMinor: plan.netAmountMinor,
              taxMinor: 0,
            })),
          );
          const endOn = addDays("2023-01-01", endOffset);
          const meter = createWindowMeter(policy, orders);
          const evidence = meter.evidence(meter.measure(endOn));
          const startOn = evidence.windowStartOn;
          const inWindow = orders.filter(
            (order) =>
              order.occurredOn <= endOn &&
              (startOn === null || order.occurredOn >= startOn),
          );
          expect(evidence).toEqual<RankEvidence>({
            windowStartOn: startOn,
            windowEndOn: endOn,
            netSpendMinor: inWindow.reduce(
              (sum, order) => sum + order.amountMinor,
              0,
            ),
            orderCount: inWindow.filter((order) => order.amountMinor > 0)
              .length,
            orders: inWindow,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
