// Deciding what one sync writes (docs/decisions/014): per customer, only the metafields whose value
// differs from what Kizuna last wrote (compared by digest) and only the tag changes; then the writes
// packed into metafieldsSet calls of at most 25 metafields, one customer never split across two
// calls, and Shopify's per-element userErrors traced back to the customers they belong to.
import type {
  CustomerMetafieldKey,
  DesiredMetafield,
} from "./customer-metafields.ts";
import { diffTags, type TagChange } from "./customer-tags.ts";
import { digest64 } from "./digest.ts";

/** Shopify's limit per metafieldsSet call (shopify-platform.md §9.3). */
export const METAFIELDS_PER_CALL = 25;

/** What Kizuna last wrote to one customer: a digest per metafield key, and the tags it added. */
export type CustomerSyncRecord = {
  readonly metafieldDigests: Readonly<
    Partial<Record<CustomerMetafieldKey, string>>
  >;
  readonly tags: readonly string[];
};

export type CustomerSyncPlan = {
  readonly customerGid: string;
  /** The metafields whose value is not the one last written, in definition order. */
  readonly metafields: readonly DesiredMetafield[];
  readonly tagChange: TagChange;
  /** What to remember once every write of the plan has succeeded. */
  readonly synced: CustomerSyncRecord;
};

export function metafieldDigest(metafield: DesiredMetafield): string {
  return digest64(`${metafield.type}\u0000${metafield.value}`);
}

/**
 * The writes that bring the customer from `stored` (null: nothing written yet) to the desired
 * metafields and tags. With tags turned off, `desiredTags` is empty and every tag Kizuna added goes.
 */
export function planCustomerSync(
  customerGid: string,
  desired: readonly DesiredMetafield[],
  desiredTags: readonly string[],
  stored: CustomerSyncRecord | null,
): CustomerSyncPlan {
  const digests: Partial<Record<CustomerMetafieldKey, string>> = {};
  const changed: DesiredMetafield[] = [];
  for (const metafield of desired) {
    const digest = metafieldDigest(metafield);
    digests[metafield.key] = digest;
    if (stored?.metafieldDigests[metafield.key] !== digest)
      changed.push(metafield);
  }
  return {
    customerGid,
    metafields: changed,
    tagChange: diffTags(stored?.tags ?? [], desiredTags),
    synced: { metafieldDigests: digests, tags: [...desiredTags] },
  };
}

export function isUpToDate(plan: CustomerSyncPlan): boolean {
  return (
    plan.metafields.length === 0 &&
    plan.tagChange.add.length === 0 &&
    plan.tagChange.remove.length === 0
  );
}

/**
 * Consecutive groups of `items` whose sizes add up to at most `capacity`, in the given order (a sync
 * resumes after the last customer of the last call it finished). An item larger than the capacity
 * could never be sent and is a programming error.
 */
export function packIntoBatches<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  capacity: number = METAFIELDS_PER_CALL,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (size > capacity)
      throw new Error(`an item of ${size} does not fit a batch of ${capacity}`);
    if (used + size > capacity && current.length > 0) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The metafieldsSet input of one call: the plans' metafields, one after another. */
export function metafieldsOfBatch(
  plans: readonly CustomerSyncPlan[],
): { readonly customerGid: string; readonly metafield: DesiredMetafield }[] {
  return plans.flatMap((plan) =>
    plan.metafields.map((metafield) => ({
      customerGid: plan.customerGid,
      metafield,
    })),
  );
}

export type MetafieldsSetUserError = {
  readonly field: readonly string[] | null;
  readonly message: string;
  readonly code: string | null;
  readonly elementIndex: number | null;
};

export type AttributedUserErrors = {
  /** A short description of each failing customer's first error, by customer GID. */
  readonly byCustomer: ReadonlyMap<string, string>;
  /** Errors that name no element (a malformed call): nothing in the batch can be blamed alone. */
  readonly unattributed: readonly MetafieldsSetUserError[];
};

/** The index of the failing input element: `elementIndex`, or the `["metafields", "<i>", …]` path. */
function elementIndexOf(error: MetafieldsSetUserError): number | null {
  if (error.elementIndex !== null) return error.elementIndex;
  const index = Number(error.field?.[1]);
  return error.field?.[0] === "metafields" && Number.isInteger(index)
    ? index
    : null;
}

export function describeUserError(
  error: Pick<MetafieldsSetUserError, "code" | "message">,
): string {
  return error.code === null
    ? error.message
    : `${error.code}: ${error.message}`;
}

/**
 * metafieldsSet is atomic: one bad element and nothing of the call was written. This finds the
 * customers the errors point at, so the call can be sent again without them.
 */
export function attributeUserErrors(
  plans: readonly CustomerSyncPlan[],
  errors: readonly MetafieldsSetUserError[],
): AttributedUserErrors {
  const elements = metafieldsOfBatch(plans);
  const byCustomer = new Map<string, string>();
  const unattributed: MetafieldsSetUserError[] = [];
  for (const error of errors) {
    const index = elementIndexOf(error);
    const element = index === null ? undefined : elements[index];
    if (element === undefined) unattributed.push(error);
    else if (!byCustomer.has(element.customerGid))
      byCustomer.set(element.customerGid, describeUserError(error));
  }
  return { byCustomer, unattributed };
}

export type SyncRunStatus = "running" | "completed" | "failed";

/** Why a sync stopped, for the Settings page; the run keeps the detail for support. */
export type SyncProblem =
  | "NO_ACCESS"
  | "SHOPIFY_UNAVAILABLE"
  | "SHOPIFY_REFUSED"
  | "UNINSTALLED"
  | "INTERNAL";

/** 0–100 for the progress bar; a running sync shows at most 99 until its last customer is done. */
export function syncRunPercent(
  status: SyncRunStatus,
  doneCount: number,
  customerCount: number,
): number {
  if (status === "completed") return 100;
  if (customerCount <= 0) return 0;
  const percent = Math.floor(
    (Math.min(doneCount, customerCount) / customerCount) * 100,
  );
  return status === "running" ? Math.min(99, percent) : percent;
}
