// Merchant-defined ranks (顧客ランク, product.md §2): the versioned RankPolicy, its validation with
// stable error codes for the rank editor, and the window arithmetic the rules share. Ranks are
// ordered lowest first; the lowest rank has no thresholds and is where every customer starts.
import { addDays, toEpochDay } from "../calendar-days.ts";

export type RankName = { readonly en: string; readonly ja: string };

export type RankDefinition = {
  readonly key: string;
  readonly name: RankName;
  /** '#RRGGBB'. */
  readonly color: string;
  readonly minNetSpendMinor?: number;
  readonly minOrders?: number;
  /** With both thresholds set: "any" needs one of them, "all" needs both. */
  readonly combine: "any" | "all";
};

export type RankWindow =
  | { readonly kind: "rolling_months"; readonly months: number }
  | { readonly kind: "calendar_year" }
  | { readonly kind: "lifetime" };

export type RankPolicy = {
  readonly version: number;
  /** Lowest first. */
  readonly ranks: readonly RankDefinition[];
  readonly basis: "tax_inclusive" | "tax_exclusive";
  readonly window: RankWindow;
  /** An order counts towards a rank-up only this many days after it (the return-settlement delay). */
  readonly confirmationDelayDays: number;
  /** 'MM-DD' dates in the shop's calendar: the only days a rank goes down for lack of spend. */
  readonly downgradeReviewDates: readonly string[];
  /** One step down each time this many months pass without an order; null turns the rule off. */
  readonly inactivityStepDown: { readonly months: number } | null;
  /**
   * When a refund or cancellation takes a customer below their rank: at the next review date
   * (the default Japanese shops publish), or at once.
   */
  readonly refundDowngrade: "at_next_review" | "immediate";
};

export type RankPolicyErrorCode =
  | "SHAPE_INVALID"
  | "VERSION_INVALID"
  | "RANKS_EMPTY"
  | "RANK_KEY_EMPTY"
  | "RANK_KEY_DUPLICATE"
  | "RANK_NAME_EMPTY"
  | "RANK_COLOR_INVALID"
  | "LOWEST_RANK_HAS_THRESHOLD"
  | "RANK_THRESHOLD_MISSING"
  | "THRESHOLD_INVALID"
  | "THRESHOLD_NOT_INCREASING"
  | "WINDOW_MONTHS_INVALID"
  | "CONFIRMATION_DELAY_INVALID"
  | "REVIEW_DATE_INVALID"
  | "REVIEW_DATE_DUPLICATE"
  | "INACTIVITY_MONTHS_INVALID";

export type RankPolicyError = {
  /** Dotted path of the offending field, e.g. "ranks.2.minNetSpendMinor". */
  readonly field: string;
  readonly code: RankPolicyErrorCode;
};

export const INVALID_RANK_POLICY =
  "A rank policy must pass validateRankPolicy before it is used.";
export const UNKNOWN_RANK_KEY =
  "A stored or overriding rank key must name a rank of the policy.";

const MAX_WINDOW_MONTHS = 120;
const MAX_CONFIRMATION_DELAY_DAYS = 365;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const THRESHOLDS = ["minNetSpendMinor", "minOrders"] as const;

/** Every problem with the policy, in field order; an empty list means the policy can be used. */
export function validateRankPolicy(policy: RankPolicy): RankPolicyError[] {
  const errors: RankPolicyError[] = [];
  const report = (field: string, code: RankPolicyErrorCode) =>
    errors.push({ field, code });
  if (!Number.isSafeInteger(policy.version) || policy.version < 1)
    report("version", "VERSION_INVALID");
  if (policy.ranks.length === 0) report("ranks", "RANKS_EMPTY");
  const seenKeys = new Set<string>();
  const highestSoFar: Record<(typeof THRESHOLDS)[number], number | null> = {
    minNetSpendMinor: null,
    minOrders: null,
  };
  policy.ranks.forEach((rank, index) => {
    const at = `ranks.${index}`;
    if (rank.key.trim() === "") report(`${at}.key`, "RANK_KEY_EMPTY");
    else if (seenKeys.has(rank.key)) report(`${at}.key`, "RANK_KEY_DUPLICATE");
    seenKeys.add(rank.key);
    if (rank.name.en.trim() === "") report(`${at}.name.en`, "RANK_NAME_EMPTY");
    if (rank.name.ja.trim() === "") report(`${at}.name.ja`, "RANK_NAME_EMPTY");
    if (!COLOR.test(rank.color)) report(`${at}.color`, "RANK_COLOR_INVALID");
    const hasThreshold = THRESHOLDS.some((name) => rank[name] !== undefined);
    if (index === 0 && hasThreshold) report(at, "LOWEST_RANK_HAS_THRESHOLD");
    if (index > 0 && !hasThreshold) report(at, "RANK_THRESHOLD_MISSING");
    if (index === 0) return;
    for (const name of THRESHOLDS) {
      const value = rank[name];
      if (value === undefined) continue;
      if (!Number.isSafeInteger(value) || value < 1) {
        report(`${at}.${name}`, "THRESHOLD_INVALID");
        continue;
      }
      const below = highestSoFar[name];
      if (below !== null && value <= below)
        report(`${at}.${name}`, "THRESHOLD_NOT_INCREASING");
      highestSoFar[name] = Math.max(value, below ?? value);
    }
  });
  if (
    policy.window.kind === "rolling_months" &&
    !(
      Number.isSafeInteger(policy.window.months) &&
      policy.window.months >= 1 &&
      policy.window.months <= MAX_WINDOW_MONTHS
    )
  )
    report("window.months", "WINDOW_MONTHS_INVALID");
  if (
    !Number.isSafeInteger(policy.confirmationDelayDays) ||
    policy.confirmationDelayDays < 0 ||
    policy.confirmationDelayDays > MAX_CONFIRMATION_DELAY_DAYS
  )
    report("confirmationDelayDays", "CONFIRMATION_DELAY_INVALID");
  const seenDates = new Set<string>();
  policy.downgradeReviewDates.forEach((monthDay, index) => {
    const field = `downgradeReviewDates.${index}`;
    if (!isMonthDay(monthDay)) report(field, "REVIEW_DATE_INVALID");
    else if (seenDates.has(monthDay)) report(field, "REVIEW_DATE_DUPLICATE");
    seenDates.add(monthDay);
  });
  const inactivity = policy.inactivityStepDown;
  if (
    inactivity !== null &&
    !(
      Number.isSafeInteger(inactivity.months) &&
      inactivity.months >= 1 &&
      inactivity.months <= MAX_WINDOW_MONTHS
    )
  )
    report("inactivityStepDown.months", "INACTIVITY_MONTHS_INVALID");
  return errors;
}

// 02-29 is refused: a review date has to happen every year.
function isMonthDay(monthDay: string): boolean {
  const match = MONTH_DAY.exec(monthDay);
  if (!match) return false;
  try {
    toEpochDay(`2023-${monthDay}`);
    return true;
  } catch {
    return false;
  }
}

// Policies are immutable: one validated once is valid for every customer evaluated under it.
const validPolicies = new WeakSet<RankPolicy>();

export function assertValidRankPolicy(policy: RankPolicy): void {
  if (validPolicies.has(policy)) return;
  if (validateRankPolicy(policy).length > 0)
    throw new Error(INVALID_RANK_POLICY);
  validPolicies.add(policy);
}

/** Position of a rank in the policy, lowest = 0; throws for a key the policy does not define. */
export function rankIndexOf(policy: RankPolicy, rankKey: string): number {
  const index = policy.ranks.findIndex((rank) => rank.key === rankKey);
  if (index < 0) throw new Error(UNKNOWN_RANK_KEY);
  return index;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The date `months` calendar months after `on`, clamped to the month's last day (01-31 + 1 → 02-28). */
export function addMonths(on: string, months: number): string {
  toEpochDay(on);
  // Integer arithmetic: the rank replay calls this for every order day of every customer.
  const monthIndex =
    Number(on.slice(0, 4)) * 12 + Number(on.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay =
    month === 1 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month] as number);
  const day = Math.min(Number(on.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// The rank replay asks for the start of a rolling window on every event day of every customer, and
// a shop's event days are a few thousand dates: the starts are remembered per window length.
const MEMO_LIMIT = 100_000;
const rollingStartsByMonths = new Map<number, Map<string, string>>();

function rollingWindowStartOn(months: number, endOn: string): string {
  let starts = rollingStartsByMonths.get(months);
  if (starts === undefined) rollingStartsByMonths.set(months, (starts = new Map()));
  let startOn = starts.get(endOn);
  if (startOn === undefined) {
    if (starts.size >= MEMO_LIMIT) starts.clear();
    startOn = addDays(addMonths(endOn, -months), 1);
    starts.set(endOn, startOn);
  }
  return startOn;
}

/** First day (inclusive) of the policy window that ends on `endOn`; null for a lifetime window. */
export function windowStartOn(
  window: RankWindow,
  endOn: string,
): string | null {
  if (window.kind === "lifetime") return null;
  if (window.kind === "calendar_year") return `${endOn.slice(0, 4)}-01-01`;
  return rollingWindowStartOn(window.months, endOn);
}

/** Review dates in (afterOn, untilOn], ascending. */
export function listReviewDates(
  policy: RankPolicy,
  afterOn: string,
  untilOn: string,
): string[] {
  const monthDays = [...policy.downgradeReviewDates].sort();
  const dates: string[] = [];
  for (
    let year = Number(afterOn.slice(0, 4));
    year <= Number(untilOn.slice(0, 4));
    year++
  ) {
    for (const monthDay of monthDays) {
      const on = `${String(year).padStart(4, "0")}-${monthDay}`;
      if (on > afterOn && on <= untilOn) dates.push(on);
    }
  }
  return dates;
}

/** The first review date after `afterOn`; null when the policy has none. */
export function findNextReviewDate(
  policy: RankPolicy,
  afterOn: string,
): string | null {
  if (policy.downgradeReviewDates.length === 0) return null;
  const nextYearEnd = `${String(Number(afterOn.slice(0, 4)) + 1).padStart(4, "0")}-12-31`;
  return listReviewDates(policy, afterOn, nextYearEnd)[0] ?? null;
}
