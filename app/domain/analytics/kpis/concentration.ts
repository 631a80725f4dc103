// Revenue concentration (product.md §2): the share of net spend from the top N % of customers (the
// Pareto share, 20 % by default), and segment sizes over a series of stored snapshots.

export type CustomerSpend = {
  readonly customerKey: string;
  readonly netSpendMinor: number;
};

export type ParetoShare = {
  readonly customerCount: number;
  /** ceil(customerCount × topPercent / 100). */
  readonly topCustomerCount: number;
  readonly topNetSpendMinor: number;
  readonly totalNetSpendMinor: number;
  /** null when the total is not positive. */
  readonly shareRatio: number | null;
};

/**
 * Share of total net spend from the top `topPercent` % of customers, ranked by spend descending and,
 * among equal spends, by customer key ascending, so the same input always picks the same customers.
 */
export function computeParetoShare(
  customers: readonly CustomerSpend[],
  topPercent = 20,
): ParetoShare {
  const ranked = [...customers].sort(
    (a, b) =>
      b.netSpendMinor - a.netSpendMinor ||
      (a.customerKey < b.customerKey
        ? -1
        : a.customerKey > b.customerKey
          ? 1
          : 0),
  );
  // Integer ceiling: 15 × 20 / 100 in floating point is 3.0000000000000004.
  const topCustomerCount = Math.floor((ranked.length * topPercent + 99) / 100);
  let topNetSpendMinor = 0;
  let totalNetSpendMinor = 0;
  ranked.forEach((customer, index) => {
    totalNetSpendMinor += customer.netSpendMinor;
    if (index < topCustomerCount) topNetSpendMinor += customer.netSpendMinor;
  });
  return {
    customerCount: ranked.length,
    topCustomerCount,
    topNetSpendMinor,
    totalNetSpendMinor,
    shareRatio:
      totalNetSpendMinor > 0 ? topNetSpendMinor / totalNetSpendMinor : null,
  };
}

export type SegmentSnapshot<Segment extends string> = {
  readonly takenOn: string;
  readonly assignments: readonly { customerKey: string; segment: Segment }[];
};

export type SegmentSizes<Segment extends string> = {
  readonly takenOn: string;
  /** Every segment of `segments`, in that order, zeros included. */
  readonly sizes: { segment: Segment; customerCount: number }[];
};

/** Customers per segment in each snapshot, oldest first, for a stacked chart. */
export function countSegmentSizesOverTime<Segment extends string>(
  snapshots: readonly SegmentSnapshot<Segment>[],
  segments: readonly Segment[],
): SegmentSizes<Segment>[] {
  return [...snapshots]
    .sort((a, b) =>
      a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : 0,
    )
    .map((snapshot) => {
      const counts = new Map<Segment, number>();
      for (const { segment } of snapshot.assignments)
        counts.set(segment, (counts.get(segment) ?? 0) + 1);
      return {
        takenOn: snapshot.takenOn,
        sizes: segments.map((segment) => ({
          segment,
          customerCount: counts.get(segment) ?? 0,
        })),
      };
    });
}
