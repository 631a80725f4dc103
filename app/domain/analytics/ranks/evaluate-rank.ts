// A customer's rank as of a date under the rules Japanese shops publish (product.md §2): rank-ups once
// an order has passed the return-settlement delay, downgrades only on review dates, one step down per
// N months without an order, refunds re-evaluated, a manual override wins until removed. The rank is a
// replay of the order history, so an update on each order and a full daily recompute agree.
import { addDays } from "../calendar-days.ts";
import {
  addMonths,
  assertValidRankPolicy,
  listReviewDates,
  rankIndexOf,
  type RankPolicy,
} from "./rank-policy.ts";
import {
  countOrders,
  createWindowMeter,
  measureWindow,
  qualifyRank,
  type CountedOrder,
  type RankEvidence,
  type RankPurchase,
} from "./rank-qualification.ts";

export type ManualOverride = {
  readonly rankKey: string;
  readonly reason: string;
  /** Who set it (staff account name or id), for support. */
  readonly setBy: string;
  readonly setAt: Date;
};

export type RankState = {
  readonly rankKey: string;
  /** First day of the current rank's run; null for a customer who has never left the lowest rank. */
  readonly since: string | null;
  /** The asOn of the evaluation that produced this state. */
  readonly evaluatedOn: string;
  readonly policyVersion: number;
  readonly manualOverride: ManualOverride | null;
};

export type RankChangeReason =
  | "threshold_reached"
  | "scheduled_review"
  | "inactivity"
  | "refund_or_cancellation"
  | "manual_override"
  | "policy_changed";

export type RankChange = {
  readonly fromRankKey: string;
  readonly toRankKey: string;
  readonly direction: "up" | "down";
  readonly reason: RankChangeReason;
  /** The day the rule took effect (a confirmation, review or inactivity day, or asOn). */
  readonly effectiveOn: string;
  readonly policyVersion: number;
  /** The window behind the decision; for an override, the window as of asOn. */
  readonly evidence: RankEvidence;
  readonly manualOverride: ManualOverride | null;
};

export type RankEvaluation = {
  readonly state: RankState;
  /** null when the rank did not change. */
  readonly change: RankChange | null;
};

type ReplayStep = {
  readonly on: string;
  readonly fromIndex: number;
  readonly toIndex: number;
  readonly reason: "threshold_reached" | "scheduled_review" | "inactivity";
  readonly evidence: RankEvidence;
};

// The kinds of rule that act on one day, as bits of one number per day.
const INACTIVITY = 1;
const REVIEW = 2;
const CONFIRMATION = 4;

/**
 * Replays the rules day by day over the event days up to `asOn`. On one day the inactivity step
 * comes first, then the review, then confirmations, so an order confirmed on a review day still
 * lifts the rank. Both review and rank-up read the settled view: orders placed on or before
 * `day - confirmationDelayDays`, in the window ending that day. Events on a day depend only on
 * orders placed by that day, so the replay to asOn also answers for every earlier date.
 */
function replayRanks(
  policy: RankPolicy,
  orders: readonly CountedOrder[],
  asOn: string,
): ReplayStep[] {
  const first = orders[0];
  if (!first) return [];
  const delay = policy.confirmationDelayDays;
  const events = new Map<string, number>();
  const mark = (on: string, kind: number) => {
    if (on <= asOn) events.set(on, (events.get(on) ?? 0) | kind);
  };
  for (const order of orders)
    mark(addDays(order.occurredOn, delay), CONFIRMATION);
  for (const on of listReviewDates(policy, first.occurredOn, asOn))
    mark(on, REVIEW);
  if (policy.inactivityStepDown !== null) {
    const months = policy.inactivityStepDown.months;
    const orderDays = [...new Set(orders.map((order) => order.occurredOn))];
    orderDays.forEach((lastOn, index) => {
      const nextOrderOn = orderDays[index + 1] ?? addDays(asOn, 1);
      for (let step = 1; ; step++) {
        const stepOn = addMonths(lastOn, step * months);
        if (stepOn >= nextOrderOn || stepOn > asOn) break;
        mark(stepOn, INACTIVITY);
      }
    });
  }
  const steps: ReplayStep[] = [];
  const meter = createWindowMeter(policy, orders);
  let held = 0;
  for (const on of [...events.keys()].sort()) {
    const kinds = events.get(on) as number;
    const window = meter.measure(addDays(on, -delay));
    const qualified = qualifyRank(policy, window);
    const move = (toIndex: number, reason: ReplayStep["reason"]) => {
      if (toIndex === held) return;
      steps.push({
        on,
        fromIndex: held,
        toIndex,
        reason,
        evidence: meter.evidence(window),
      });
      held = toIndex;
    };
    if (kinds & INACTIVITY) move(Math.max(0, held - 1), "inactivity");
    if (kinds & REVIEW) move(Math.min(held, qualified), "scheduled_review");
    if (kinds & CONFIRMATION)
      move(Math.max(held, qualified), "threshold_reached");
  }
  return steps;
}

function heldIndexOn(steps: readonly ReplayStep[], on: string): number {
  let held = 0;
  for (const step of steps) {
    if (step.on > on) break;
    held = step.toIndex;
  }
  return held;
}

function sinceOf(steps: readonly ReplayStep[]): string | null {
  return steps[steps.length - 1]?.on ?? null;
}

/**
 * The rank as of `asOn`, and the change from `previousState` if there is one. `purchases` are the
 * customer's countable orders (cancelled, voided and test orders left out, refunds netted) placed on
 * or before asOn. Pass the stored state back in on the next evaluation; null means never evaluated.
 *
 * Rules beyond the replay:
 * - a manual override in the state wins; removeManualOverride ends it;
 * - a new policy version applies at once (it was dry-run first), reason "policy_changed";
 * - a rank the corrected history no longer supports, while the history still supported it as of the
 *   previous evaluation, fell to a review or to inactivity: the replay says which;
 * - otherwise a refund or cancellation took it away: with refundDowngrade "at_next_review" the
 *   customer keeps the rank until a review date passes after the previous evaluation, then takes
 *   the rank the corrected history earns; with "immediate" at once.
 */
export function evaluateRank(
  policy: RankPolicy,
  purchases: readonly RankPurchase[],
  previousState: RankState | null,
  asOn: string,
): RankEvaluation {
  assertValidRankPolicy(policy);
  const orders = countOrders(
    policy,
    purchases.filter((purchase) => purchase.occurredOn <= asOn),
  );
  const steps = replayRanks(policy, orders, asOn);
  const earnedIndex = heldIndexOn(steps, asOn);
  const lowestKey = (policy.ranks[0] as { key: string }).key;
  const previous = previousState ?? {
    rankKey: lowestKey,
    since: null,
    evaluatedOn: asOn,
    policyVersion: policy.version,
    manualOverride: null,
  };
  const override = previous.manualOverride;
  if (override !== null) {
    rankIndexOf(policy, override.rankKey);
    const changed = override.rankKey !== previous.rankKey;
    return {
      state: {
        ...previous,
        rankKey: override.rankKey,
        since: changed ? asOn : previous.since,
        evaluatedOn: asOn,
        policyVersion: policy.version,
      },
      change: changed
        ? describeChange(policy, previous.rankKey, override.rankKey, {
            reason: "manual_override",
            effectiveOn: asOn,
            evidence: measureWindow(policy, orders, asOn),
            manualOverride: override,
          })
        : null,
    };
  }
  const earnedKey = (policy.ranks[earnedIndex] as { key: string }).key;
  const adopt = (
    reason: RankChangeReason,
    effectiveOn: string,
    evidence: RankEvidence,
  ): RankEvaluation => ({
    state: {
      rankKey: earnedKey,
      since: sinceOf(steps),
      evaluatedOn: asOn,
      policyVersion: policy.version,
      manualOverride: null,
    },
    change:
      earnedKey === previous.rankKey
        ? null
        : describeChange(policy, previous.rankKey, earnedKey, {
            reason,
            effectiveOn,
            evidence,
            manualOverride: null,
          }),
  });
  const lastStep = steps[steps.length - 1];
  const currentEvidence = () =>
    lastStep?.evidence ??
    measureWindow(policy, orders, addDays(asOn, -policy.confirmationDelayDays));
  if (previous.policyVersion !== policy.version)
    return adopt("policy_changed", asOn, currentEvidence());
  const previousIndex = rankIndexOf(policy, previous.rankKey);
  if (earnedIndex >= previousIndex)
    return adopt(
      lastStep?.reason ?? "threshold_reached",
      lastStep?.on ?? asOn,
      currentEvidence(),
    );
  const checkedOn = previous.evaluatedOn < asOn ? previous.evaluatedOn : asOn;
  // The history still supported the stored rank when it was last evaluated, so a step of the
  // replay since then (there is one, as the earned rank is lower) took it away.
  if (heldIndexOn(steps, checkedOn) >= previousIndex) {
    const step = lastStep as ReplayStep;
    return adopt(step.reason, step.on, step.evidence);
  }
  if (policy.refundDowngrade === "immediate")
    return adopt("refund_or_cancellation", asOn, currentEvidence());
  const reviewOn = listReviewDates(policy, checkedOn, asOn)[0];
  if (reviewOn !== undefined)
    return adopt(
      "refund_or_cancellation",
      reviewOn,
      measureWindow(
        policy,
        orders,
        addDays(reviewOn, -policy.confirmationDelayDays),
      ),
    );
  return { state: { ...previous, evaluatedOn: asOn }, change: null };
}

/** Ends a manual override: the customer takes the rank their history earns as of `asOn`. */
export function removeManualOverride(
  policy: RankPolicy,
  purchases: readonly RankPurchase[],
  state: RankState,
  asOn: string,
): RankEvaluation {
  // A foreign policy version makes evaluateRank adopt the earned rank outright, with no refund grace.
  const earned = evaluateRank(
    policy,
    purchases,
    { ...state, manualOverride: null, policyVersion: -1 },
    asOn,
  );
  if (earned.change === null) return earned;
  return {
    state: earned.state,
    change: {
      ...earned.change,
      reason: "manual_override",
      effectiveOn: asOn,
      manualOverride: state.manualOverride,
    },
  };
}

function describeChange(
  policy: RankPolicy,
  fromRankKey: string,
  toRankKey: string,
  detail: Pick<
    RankChange,
    "reason" | "effectiveOn" | "evidence" | "manualOverride"
  >,
): RankChange {
  const fromIndex = policy.ranks.findIndex((rank) => rank.key === fromRankKey);
  return {
    fromRankKey,
    toRankKey,
    direction: rankIndexOf(policy, toRankKey) > fromIndex ? "up" : "down",
    policyVersion: policy.version,
    ...detail,
  };
}
