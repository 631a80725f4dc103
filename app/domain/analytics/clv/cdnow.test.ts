// Golden tests against the published CDNOW results (Fader, Hardie & Lee 2005; Fader & Hardie 2013;
// the BTYD vignette), using the 2,357-customer sample described in ../shared/data/README.md.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { summarizePurchases, type Purchase } from "../purchase-summary.ts";
import {
  computeAliveProbability,
  computeBgNbdLogLikelihood,
  computeExpectedPurchases,
  computeExpectedPurchasesForNewCustomer,
  fitBgNbd,
  type BgNbdParams,
  type RepeatHistory,
} from "./bg-nbd.ts";
import { fitShopModel, toRepeatHistory } from "./clv.ts";
import {
  computeExpectedSpend,
  computeGammaGammaLogLikelihood,
  fitGammaGamma,
  type GammaGammaParams,
} from "./gamma-gamma.ts";

const DATA = new URL("../../../../../shared/data/cdnow/", import.meta.url);
const CALIBRATION_END_ON = "1997-09-30";
const HOLDOUT_END_ON = "1998-06-30";
const DAYS_PER_WEEK = 7;

const PUBLISHED_BG_NBD: BgNbdParams = {
  r: 0.2425967,
  alpha: 4.4136589,
  a: 0.7929869,
  b: 2.4261643,
};
const PUBLISHED_BG_NBD_LOG_LIKELIHOOD = -9582.429207;
const PUBLISHED_GAMMA_GAMMA: GammaGammaParams = {
  p: 6.25,
  q: 3.74,
  gamma: 15.44,
};
const PUBLISHED_GAMMA_GAMMA_LOG_LIKELIHOOD = -4055.9177;

function readPurchases(): Purchase[] {
  const text = readFileSync(new URL("CDNOW_sample.txt", DATA), "utf8");
  return text
    .split("\r\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [, sampleId, yyyymmdd, , dollars] = line.trim().split(/\s+/) as [
        string,
        string,
        string,
        string,
        string,
      ];
      return {
        customerKey: String(Number(sampleId)),
        occurredOn: `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`,
        amountMinor: Math.round(Number(dollars) * 100),
      };
    });
}

function readCsv(name: string): Map<string, number[]> {
  const [, ...rows] = readFileSync(new URL(name, DATA), "utf8")
    .trim()
    .split(/\r?\n/);
  return new Map(
    rows
      .map((row) => row.split(","))
      .map(([id, ...values]) => [id as string, values.map(Number)]),
  );
}

const purchases = readPurchases();
const calibration = summarizePurchases(purchases, CALIBRATION_END_ON);
const inWeeks = (summary: (typeof calibration)[number]): RepeatHistory => ({
  repeatPurchases: summary.frequency,
  timeToLastPurchase: summary.activeSpanDays / DAYS_PER_WEEK,
  timeObserved: summary.customerAgeDays / DAYS_PER_WEEK,
});
const histories = calibration.map(inWeeks);
const bySampleId = new Map(
  calibration.map((summary) => [summary.customerKey, summary]),
);
const fitted = fitBgNbd(histories);
const fittedParams = fitted.params;
const returning = calibration.filter((summary) => summary.frequency > 0);
const spendFit = fitGammaGamma(
  returning.map((summary) => ({
    repeatPurchases: summary.frequency,
    meanSpend: summary.repeatSpendMinor / summary.frequency / 100,
  })),
);

function expectRelativelyClose(
  actual: number,
  expected: number,
  tolerance: number,
): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(
    tolerance,
  );
}

describe("CDNOW calibration summary", () => {
  it("has the 2,357 sample customers and the 6,919 transactions", () => {
    expect(purchases).toHaveLength(6919);
    expect(calibration).toHaveLength(2357);
  });

  it("matches Hardie's published summary (x, t_x, T in weeks to 2 dp) for every customer", () => {
    const published = readCsv("cdnow_customers_summary.csv");
    expect(published.size).toBe(2357);
    for (const [id, [frequency, recency, age]] of published) {
      const summary = bySampleId.get(id);
      expect(summary, id).toBeDefined();
      const history = inWeeks(summary as (typeof calibration)[number]);
      expect(history.repeatPurchases, id).toBe(frequency);
      expect(
        Math.abs(history.timeToLastPurchase - (recency as number)),
        id,
      ).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(
        Math.abs(history.timeObserved - (age as number)),
        id,
      ).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it("matches the published mean repeat-transaction value zbar to 2 dp", () => {
    const published = readCsv("cdnow_customers_summary_with_transactions.csv");
    for (const [id, [x, , , zbar]] of published) {
      const summary = bySampleId.get(id) as (typeof calibration)[number];
      const mean =
        x === 0 ? 0 : summary.repeatSpendMinor / summary.frequency / 100;
      expect(Math.abs(mean - (zbar as number)), id).toBeLessThanOrEqual(
        0.005 + 1e-9,
      );
    }
  });

  it("counts 1,882 repeat purchase days in the 39-week holdout", () => {
    const holdout = summarizePurchases(purchases, HOLDOUT_END_ON);
    const total = holdout.reduce((sum, summary) => sum + summary.frequency, 0);
    const calibrated = calibration.reduce(
      (sum, summary) => sum + summary.frequency,
      0,
    );
    expect(total - calibrated).toBe(1882);
  });
});

describe("BG/NBD on CDNOW", () => {
  it("gives the published log-likelihood at the published optimum", () => {
    expect(
      Math.abs(
        computeBgNbdLogLikelihood(histories, PUBLISHED_BG_NBD) -
          PUBLISHED_BG_NBD_LOG_LIKELIHOOD,
      ),
    ).toBeLessThanOrEqual(0.01);
  });

  it("fits the published parameters by maximum likelihood", () => {
    expect(fitted.ok).toBe(true);
    expectRelativelyClose(fittedParams.r, PUBLISHED_BG_NBD.r, 1e-3);
    expectRelativelyClose(fittedParams.alpha, PUBLISHED_BG_NBD.alpha, 1e-3);
    expectRelativelyClose(fittedParams.a, PUBLISHED_BG_NBD.a, 1e-3);
    expectRelativelyClose(fittedParams.b, PUBLISHED_BG_NBD.b, 1e-3);
    expect(
      Math.abs(
        (fitted.ok ? fitted.logLikelihood : Number.NaN) -
          PUBLISHED_BG_NBD_LOG_LIKELIHOOD,
      ),
    ).toBeLessThanOrEqual(0.01);
  });

  describe.each([
    ["published", PUBLISHED_BG_NBD],
    ["fitted", fittedParams],
  ])("with the %s parameters", (_, params) => {
    it.each([
      [1, 0.0532],
      [39, 1.195],
      [52, 1.444],
      [78, 1.8579],
    ])(
      "expects a new customer to make E[X(%i weeks)] = %d repeat purchases",
      (weeks, expected) => {
        expect(
          Math.abs(
            computeExpectedPurchasesForNewCustomer(params, weeks) - expected,
          ),
        ).toBeLessThanOrEqual(5e-5 + 1e-4 * expected);
      },
    );

    it("expects 1.226 purchases in 39 weeks from the customer with x = 2, t_x = 30.43, T = 38.86", () => {
      const expected = computeExpectedPurchases(
        params,
        { repeatPurchases: 2, timeToLastPurchase: 30.43, timeObserved: 38.86 },
        39,
      );
      expectRelativelyClose(expected, 1.226, 1e-3);
    });

    it("expects 25.75659 purchases in 52 weeks and P(alive) 0.9688523 for x = 26, t_x = 30.85714, T = 31", () => {
      const history = {
        repeatPurchases: 26,
        timeToLastPurchase: 30.85714,
        timeObserved: 31,
      };
      expectRelativelyClose(
        computeExpectedPurchases(params, history, 52),
        25.75659,
        1e-3,
      );
      expectRelativelyClose(
        computeAliveProbability(params, history),
        0.9688523,
        1e-3,
      );
    });
  });

  it("sums the conditional expectations over the holdout to the published ≈ 1,653.4", () => {
    const total = histories.reduce(
      (sum, history) =>
        sum + computeExpectedPurchases(fittedParams, history, 39),
      0,
    );
    expect(Math.abs(total - 1653.4)).toBeLessThanOrEqual(1);
  });
});

describe("Gamma-Gamma on CDNOW", () => {
  it("uses the 946 customers with repeat purchases", () => {
    expect(returning).toHaveLength(946);
  });

  it("fits the published parameters and log-likelihood", () => {
    expect(spendFit.ok).toBe(true);
    expectRelativelyClose(spendFit.params.p, PUBLISHED_GAMMA_GAMMA.p, 1e-2);
    expectRelativelyClose(spendFit.params.q, PUBLISHED_GAMMA_GAMMA.q, 1e-2);
    expectRelativelyClose(
      spendFit.params.gamma,
      PUBLISHED_GAMMA_GAMMA.gamma,
      1e-2,
    );
    expect(
      Math.abs(
        (spendFit.ok ? spendFit.logLikelihood : Number.NaN) -
          PUBLISHED_GAMMA_GAMMA_LOG_LIKELIHOOD,
      ),
    ).toBeLessThanOrEqual(0.01);
  });

  it("gives the published log-likelihood at its fit", () => {
    const spend = returning.map((summary) => ({
      repeatPurchases: summary.frequency,
      meanSpend: summary.repeatSpendMinor / summary.frequency / 100,
    }));
    expect(
      Math.abs(
        computeGammaGammaLogLikelihood(spend, spendFit.params) -
          PUBLISHED_GAMMA_GAMMA_LOG_LIKELIHOOD,
      ),
    ).toBeLessThanOrEqual(0.01);
  });

  it.each([
    ["1", 24.65],
    ["2", 18.91],
    ["3", 35.17],
    ["4", 35.17],
    ["5", 35.17],
    ["6", 71.46],
    ["7", 18.91],
    ["8", 35.17],
    ["9", 27.28],
    ["10", 35.17],
  ])("expects customer %s to spend %d per purchase", (id, expected) => {
    const summary = bySampleId.get(id) as (typeof calibration)[number];
    const mean =
      summary.frequency > 0
        ? summary.repeatSpendMinor / summary.frequency / 100
        : 0;
    expect(
      Math.abs(
        computeExpectedSpend(spendFit.params, summary.frequency, mean) -
          expected,
      ),
    ).toBeLessThanOrEqual(0.01);
  });
});

describe("fitShopModel on CDNOW in days and cents", () => {
  const model = fitShopModel(calibration);

  it("fits BG/NBD with α in days and the same shape parameters", () => {
    expect(model.repeatCustomerCount).toBe(946);
    expect(model.purchases.method).toBe("bgNbd");
    if (model.purchases.method !== "bgNbd") return;
    expectRelativelyClose(model.purchases.params.r, PUBLISHED_BG_NBD.r, 1e-3);
    expectRelativelyClose(
      model.purchases.params.alpha / DAYS_PER_WEEK,
      PUBLISHED_BG_NBD.alpha,
      1e-3,
    );
    expectRelativelyClose(model.purchases.params.a, PUBLISHED_BG_NBD.a, 1e-3);
    expectRelativelyClose(model.purchases.params.b, PUBLISHED_BG_NBD.b, 1e-3);
  });

  it("fits Gamma-Gamma with γ in cents", () => {
    expect(model.spend.method).toBe("gammaGamma");
    if (model.spend.method !== "gammaGamma") return;
    expectRelativelyClose(model.spend.params.p, PUBLISHED_GAMMA_GAMMA.p, 1e-2);
    expectRelativelyClose(model.spend.params.q, PUBLISHED_GAMMA_GAMMA.q, 1e-2);
    expectRelativelyClose(
      model.spend.params.gamma / 100,
      PUBLISHED_GAMMA_GAMMA.gamma,
      1e-2,
    );
  });

  it("predicts the same purchases in days as in weeks", () => {
    if (model.purchases.method !== "bgNbd")
      throw new Error("expected a BG/NBD fit");
    const summary = bySampleId.get("1") as (typeof calibration)[number];
    const inDays = computeExpectedPurchases(
      model.purchases.params,
      toRepeatHistory(summary),
      39 * DAYS_PER_WEEK,
    );
    expectRelativelyClose(
      inDays,
      computeExpectedPurchases(fittedParams, inWeeks(summary), 39),
      1e-3,
    );
  });
});
