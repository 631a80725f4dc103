import { describe, expect, it } from "vitest";
import {
  analyzeShop,
  type CustomerAnalysisInput,
} from "../customer-analytics.ts";
import { buildThreeRankPolicy } from "../ranks/rank-policy.fixture.ts";
import {
  compareKpiHeadlines,
  toKpiHeadline,
  type KpiHeadline,
} from "./headline.ts";

function customer(
  customerKey: string,
  days: readonly string[],
  amountMinor = 1000,
): CustomerAnalysisInput {
  return {
    customerKey,
    orders: days.map((occurredOn, index) => ({
      customerKey,
      orderKey: `${customerKey}-${index}`,
      occurredOn,
      amountMinor,
      taxMinor: 0,
    })),
    rankState: null,
  };
}

describe("toKpiHeadline", () => {
  it("reads customers, active customers, repeat rate, 90-day F2, net revenue and the top 20 % share", () => {
    // GIVEN five January buyers, two of whom came back within 90 days, and one lapsed customer
    const inputs = [
      customer("a", ["2024-01-05", "2024-02-01"], 5000),
      customer("b", ["2024-01-10", "2024-03-20"]),
      customer("c", ["2024-01-15"]),
      customer("d", ["2024-01-20"]),
      customer("e", ["2024-01-25"]),
      customer("f", ["2022-06-01"]),
    ];
    const { kpis } = analyzeShop(inputs, "2024-06-30", buildThreeRankPolicy());
    const headline = toKpiHeadline(kpis, 20_000);
    expect(headline).toEqual({
      customerCount: 6,
      activeCustomerCount: 5,
      repeatRatio: 2 / 6,
      // January 2024: 2 of 5 converted within 90 days; June 2022: 0 of 1
      f2ConversionRatio: 2 / 6,
      netRevenueMinor: 20_000,
      // top 20 % of 6 customers is 2: a (10,000) and b (2,000) of 16,000
      paretoShareRatio: 12_000 / 16_000,
    });
  });

  it("has no F2 ratio while no 90-day window is complete", () => {
    const { kpis } = analyzeShop(
      [customer("a", ["2024-06-01"])],
      "2024-06-30",
      buildThreeRankPolicy(),
    );
    expect(toKpiHeadline(kpis, 1000).f2ConversionRatio).toBeNull();
  });
});

describe("compareKpiHeadlines", () => {
  const previous: KpiHeadline = {
    customerCount: 100,
    activeCustomerCount: 80,
    repeatRatio: 0.25,
    f2ConversionRatio: null,
    netRevenueMinor: 1_000_000,
    paretoShareRatio: 0.5,
  };

  it("gives each KPI's difference in its own unit, and null where either side has none", () => {
    const current: KpiHeadline = {
      ...previous,
      customerCount: 120,
      activeCustomerCount: 75,
      repeatRatio: 0.3,
      f2ConversionRatio: 0.2,
      netRevenueMinor: 1_250_000,
    };
    const change = compareKpiHeadlines(current, previous);
    expect(change).toEqual({
      customerCount: 20,
      activeCustomerCount: -5,
      repeatRatio: expect.closeTo(0.05, 10),
      f2ConversionRatio: null,
      netRevenueMinor: 250_000,
      paretoShareRatio: 0,
    });
  });
});
