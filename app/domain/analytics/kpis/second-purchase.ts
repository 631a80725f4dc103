// Second-purchase KPIs (product.md §2): repeat rate, F2 conversion by first-order month cohort and
// the days from first to second purchase. A purchase is a purchase day: same-day orders merge, as in
// the CDNOW conventions of ../shared/data/README.md, whose second-purchase facts cdnow.test.ts reproduces.
import { daysBetween, toEpochDay } from "../calendar-days.ts";
import type { Purchase } from "../purchase-summary.ts";

type FirstTwoDays = { firstOn: string; secondOn: string | null };

/** Each customer's first and second purchase day on or before asOn, by customer key. */
function findFirstTwoPurchaseDays(
  purchases: Iterable<Purchase>,
  asOn: string,
): Map<string, FirstTwoDays> {
  toEpochDay(asOn);
  const byCustomer = new Map<string, FirstTwoDays>();
  for (const { customerKey, occurredOn } of purchases) {
    toEpochDay(occurredOn);
    if (occurredOn > asOn) continue;
    const known = byCustomer.get(customerKey);
    if (!known) {
      byCustomer.set(customerKey, { firstOn: occurredOn, secondOn: null });
    } else if (occurredOn < known.firstOn) {
      byCustomer.set(customerKey, {
        firstOn: occurredOn,
        secondOn: known.firstOn,
      });
    } else if (
      occurredOn > known.firstOn &&
      (known.secondOn === null || occurredOn < known.secondOn)
    ) {
      known.secondOn = occurredOn;
    }
  }
  return byCustomer;
}

export type RepeatRate = {
  readonly customerCount: number;
  /** Customers with two or more purchase days. */
  readonly repeatCustomerCount: number;
  /** null when there are no customers. */
  readonly repeatRatio: number | null;
};

/** Share of customers with at least two purchase days on or before asOn. */
export function computeRepeatRate(
  purchases: Iterable<Purchase>,
  asOn: string,
): RepeatRate {
  return repeatRateOf(findFirstTwoPurchaseDays(purchases, asOn));
}

function repeatRateOf(customers: ReadonlyMap<string, FirstTwoDays>): RepeatRate {
  let repeatCustomerCount = 0;
  for (const days of customers.values())
    if (days.secondOn !== null) repeatCustomerCount += 1;
  return {
    customerCount: customers.size,
    repeatCustomerCount,
    repeatRatio:
      customers.size === 0 ? null : repeatCustomerCount / customers.size,
  };
}

export const F2_WINDOWS_DAYS = [30, 60, 90, 180] as const;

export type F2CohortWindow = {
  readonly windowDays: number;
  /** Has the window elapsed by asOn for every customer of the cohort (last day of month + windowDays <= asOn)? */
  readonly complete: boolean;
  /** Second purchase day at most windowDays after the first, counted so far. */
  readonly convertedCount: number;
  /** null while the window is maturing, so a partial ratio is never shown as a result. */
  readonly f2ConversionRatio: number | null;
};

export type F2Cohort = {
  /** 'YYYY-MM' of the first purchase day. */
  readonly cohortMonth: string;
  readonly firstTimeBuyerCount: number;
  readonly windows: F2CohortWindow[];
};

export type F2WindowSummary = {
  readonly windowDays: number;
  readonly completeCohortCount: number;
  readonly maturingCohortCount: number;
  /** Over complete cohorts only. */
  readonly firstTimeBuyerCount: number;
  readonly convertedCount: number;
  readonly f2ConversionRatio: number | null;
};

export type F2Conversion = {
  /** Ascending by month. */
  readonly cohorts: F2Cohort[];
  readonly windows: F2WindowSummary[];
};

/**
 * F2 conversion: share of first-time buyers whose second purchase day is within N days of the first
 * (N = 30, 60, 90, 180 by default), by the month of the first purchase day. A cohort's N-day window
 * counts only once it has fully elapsed by asOn.
 */
export function computeF2Conversion(
  purchases: Iterable<Purchase>,
  asOn: string,
  windowsDays: readonly number[] = F2_WINDOWS_DAYS,
): F2Conversion {
  return f2ConversionOf(findFirstTwoPurchaseDays(purchases, asOn), asOn, windowsDays);
}

function f2ConversionOf(
  customers: ReadonlyMap<string, FirstTwoDays>,
  asOn: string,
  windowsDays: readonly number[],
): F2Conversion {
  const byMonth = new Map<string, FirstTwoDays[]>();
  for (const days of customers.values()) {
    const month = days.firstOn.slice(0, 7);
    const members = byMonth.get(month) ?? [];
    members.push(days);
    byMonth.set(month, members);
  }
  const cohorts = [...byMonth.keys()].sort().map((cohortMonth) => {
    const members = byMonth.get(cohortMonth) as FirstTwoDays[];
    const lastDayOn = lastDayOfMonth(cohortMonth);
    return {
      cohortMonth,
      firstTimeBuyerCount: members.length,
      windows: windowsDays.map((windowDays) => {
        const complete = daysBetween(lastDayOn, asOn) >= windowDays;
        const convertedCount = members.filter(
          (days) =>
            days.secondOn !== null &&
            daysBetween(days.firstOn, days.secondOn) <= windowDays,
        ).length;
        return {
          windowDays,
          complete,
          convertedCount,
          f2ConversionRatio: complete ? convertedCount / members.length : null,
        };
      }),
    };
  });
  const windows = windowsDays.map((windowDays, index) => {
    let completeCohortCount = 0;
    let firstTimeBuyerCount = 0;
    let convertedCount = 0;
    for (const cohort of cohorts) {
      const window = cohort.windows[index] as F2CohortWindow;
      if (!window.complete) continue;
      completeCohortCount += 1;
      firstTimeBuyerCount += cohort.firstTimeBuyerCount;
      convertedCount += window.convertedCount;
    }
    return {
      windowDays,
      completeCohortCount,
      maturingCohortCount: cohorts.length - completeCohortCount,
      firstTimeBuyerCount,
      convertedCount,
      f2ConversionRatio:
        firstTimeBuyerCount === 0 ? null : convertedCount / firstTimeBuyerCount,
    };
  });
  return { cohorts, windows };
}

function lastDayOfMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const monthIndex = Number(month.slice(5, 7));
  return new Date(Date.UTC(year, monthIndex, 0)).toISOString().slice(0, 10);
}

export const SECOND_PURCHASE_BUCKET_EDGES_DAYS = [
  7, 14, 30, 60, 90, 180, 365,
] as const;

export type DaysBucket = {
  /** Inclusive. */
  readonly fromDays: number;
  /** Inclusive; null for the open last bucket. */
  readonly toDays: number | null;
  readonly customerCount: number;
};

export type DaysToSecondPurchase = {
  /** Customers with a second purchase day by asOn. */
  readonly customerCount: number;
  /** Quantiles by linear interpolation between order statistics (R's type 7); null with no customers. */
  readonly medianDays: number | null;
  readonly lowerQuartileDays: number | null;
  readonly upperQuartileDays: number | null;
  readonly buckets: DaysBucket[];
};

/**
 * Distribution of whole days from the first to the second purchase day, for timing the
 * second-purchase nudge. Bucket edges are inclusive upper bounds: [7, 14] gives 1–7, 8–14, 15+.
 */
export function computeDaysToSecondPurchase(
  purchases: Iterable<Purchase>,
  asOn: string,
  bucketEdgesDays: readonly number[] = SECOND_PURCHASE_BUCKET_EDGES_DAYS,
): DaysToSecondPurchase {
  return daysToSecondPurchaseOf(findFirstTwoPurchaseDays(purchases, asOn), bucketEdgesDays);
}

function daysToSecondPurchaseOf(
  customers: ReadonlyMap<string, FirstTwoDays>,
  bucketEdgesDays: readonly number[],
): DaysToSecondPurchase {
  const gaps: number[] = [];
  for (const days of customers.values())
    if (days.secondOn !== null)
      gaps.push(daysBetween(days.firstOn, days.secondOn));
  gaps.sort((a, b) => a - b);
  const bounds = [...bucketEdgesDays, null];
  let fromDays = 1;
  const buckets = bounds.map((toDays) => {
    const bucket = {
      fromDays,
      toDays,
      customerCount: gaps.filter(
        (gap) => gap >= fromDays && (toDays === null || gap <= toDays),
      ).length,
    };
    if (toDays !== null) fromDays = toDays + 1;
    return bucket;
  });
  return {
    customerCount: gaps.length,
    medianDays: quantileOfSorted(gaps, 0.5),
    lowerQuartileDays: quantileOfSorted(gaps, 0.25),
    upperQuartileDays: quantileOfSorted(gaps, 0.75),
    buckets,
  };
}

function quantileOfSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (position - below);
}

export type SecondPurchaseKpis = {
  readonly repeatRate: RepeatRate;
  readonly f2Conversion: F2Conversion;
  readonly daysToSecondPurchase: DaysToSecondPurchase;
};

/** The three second-purchase KPIs with the default windows and buckets, from one pass over the purchases. */
export function computeSecondPurchaseKpis(
  purchases: Iterable<Purchase>,
  asOn: string,
): SecondPurchaseKpis {
  const customers = findFirstTwoPurchaseDays(purchases, asOn);
  return {
    repeatRate: repeatRateOf(customers),
    f2Conversion: f2ConversionOf(customers, asOn, F2_WINDOWS_DAYS),
    daysToSecondPurchase: daysToSecondPurchaseOf(customers, SECOND_PURCHASE_BUCKET_EDGES_DAYS),
  };
}
