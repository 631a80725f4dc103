// Imported orders as Kizuna stores them (product.md §1, CSV import). Orders without a Shopify Id, and
// customers known only by e-mail or by the file's own id, get GIDs of Kizuna's own, derived from the
// file's content alone (docs/glossary.md), so importing the same file again finds and keeps the same rows.
import type { CustomerState } from "../customers.ts";
import { sha256Hex } from "../sha256.ts";
import {
  applyOrderUpdate,
  IMPORTED_REFUND_GID_PREFIX,
  isAwaitingOrder,
} from "../orders.ts";
import type { LineItemFact, OrderFact, OrderState } from "../orders.ts";
import type { ImportedCustomer, ImportedOrder } from "./imported-order.ts";
import type { RowError } from "./row-error.ts";

const SHOPIFY_GID = "gid://shopify/";
const KIZUNA_GID = "gid://kizuna/";

/** `<source>:<id>` from an orderKey, with the id percent-encoded so any text fits in a GID. */
function importKey(order: ImportedOrder): string {
  const colon = order.orderKey.indexOf(":");
  return `${order.orderKey.slice(0, colon)}:${encodeURIComponent(order.orderKey.slice(colon + 1))}`;
}

/** The export's own Shopify GID when it has one, otherwise `gid://kizuna/Order/<source>:<id>`. */
export function importedOrderGid(order: ImportedOrder): string {
  return order.orderGid ?? `${KIZUNA_GID}Order/${importKey(order)}`;
}

/**
 * The GID Kizuna gives a customer it knows only from a file: `gid://kizuna/Customer/external:<id>` for
 * the file's customer id, `gid://kizuna/Customer/email:<SHA-256 of the lowercased e-mail>` for an e-mail,
 * so the address itself never appears in an id, a URL or a log line.
 */
export function importedCustomerGid(customer: ImportedCustomer): string {
  return customer.kind === "email"
    ? `${KIZUNA_GID}Customer/email:${sha256Hex(customer.email.toLowerCase())}`
    : `${KIZUNA_GID}Customer/external:${encodeURIComponent(customer.externalId)}`;
}

/**
 * Of the shop's customers whose e-mail matches an imported one (case-insensitively), the one the
 * order belongs to: a customer Shopify knows before one an earlier import made, then the smallest GID.
 */
export function chooseCustomerByEmail(
  candidateGids: readonly string[],
): string | null {
  const ranked = [...candidateGids].sort(
    (a, b) =>
      Number(!a.startsWith(SHOPIFY_GID)) - Number(!b.startsWith(SHOPIFY_GID)) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  return ranked[0] ?? null;
}

/**
 * The order as the domain merges it. An export says nothing of when the order last changed, so its
 * latest instant stands in for updated_at: a webhook that saw a later change still wins. The refunded
 * total becomes one refund that Shopify's own refunds replace (IMPORTED_REFUND_GID_PREFIX).
 */
export function toOrderFact(
  order: ImportedOrder,
  customerGid: string | null,
): OrderFact {
  const orderGid = importedOrderGid(order);
  const key = importKey(order);
  const updatedAt = new Date(
    Math.max(
      order.createdAt.getTime(),
      order.processedAt.getTime(),
      order.cancelledAt?.getTime() ?? 0,
    ),
  );
  const lineItems: LineItemFact[] = order.lineItems.map((item, index) => ({
    lineItemGid: `${KIZUNA_GID}LineItem/${key}:${index + 1}`,
    productGid: null,
    variantGid: null,
    title: item.title,
    quantity: item.quantity,
    priceMinor: item.priceMinor,
    discountMinor: item.discountMinor,
  }));
  return {
    orderGid,
    name: order.name,
    customerGid,
    createdAt: order.createdAt,
    updatedAt,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    test: false,
    financialStatus: order.financialStatus,
    currency: order.currency,
    presentmentCurrency: order.currency,
    totalMinor: order.totalMinor,
    presentmentTotalMinor: order.totalMinor,
    subtotalMinor: order.subtotalMinor,
    discountMinor: order.discountMinor,
    taxMinor: order.taxMinor,
    // The export does not say whether its prices include tax.
    taxesIncluded: false,
    lineItems,
    refunds:
      order.refundedMinor > 0
        ? [
            {
              refundGid: `${IMPORTED_REFUND_GID_PREFIX}${key}`,
              orderGid,
              createdAt: updatedAt,
              amountMinor: order.refundedMinor,
              presentmentAmountMinor: order.refundedMinor,
            },
          ]
        : [],
  };
}

/** A customer first met in a file: an e-mail is all the file says about them, if that. */
export function importedCustomerState(
  customer: ImportedCustomer,
  customerGid: string,
): CustomerState {
  return {
    customerGid,
    profile:
      customer.kind === "email"
        ? {
            email: customer.email,
            firstName: null,
            lastName: null,
            createdAt: null,
            updatedAt: null,
          }
        : null,
    emailConsent: null,
    deleted: false,
  };
}

/** Kizuna stores money in the shop's currency only, so an order in another currency is a bad row. */
export function checkShopCurrency(
  order: ImportedOrder,
  shopCurrency: string,
): RowError | null {
  return order.currency === shopCurrency
    ? null
    : { line: order.line, column: null, message: "NOT_SHOP_CURRENCY" };
}

export type OrderWrite =
  | { readonly kind: "create" | "update"; readonly order: OrderFact }
  | { readonly kind: "unchanged" };

/** What importing `incoming` does to the stored order: the domain's merge, and nothing when it changes nothing. */
export function planOrderWrite(
  stored: OrderState | null,
  incoming: OrderFact,
): OrderWrite {
  const merged = applyOrderUpdate(stored, incoming);
  if (stored === null) return { kind: "create", order: merged };
  if (!isAwaitingOrder(stored) && isSamePlainValue(stored, merged))
    return { kind: "unchanged" };
  return { kind: "update", order: merged };
}

/** Structural equality of plain data: primitives, Dates, arrays and plain objects. */
function isSamePlainValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date)
    return (
      a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
    );
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => isSamePlainValue(item, b[index]))
    );
  if (typeof a !== "object" || typeof b !== "object" || !a || !b) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(
      (key) =>
        Object.hasOwn(b, key) &&
        isSamePlainValue(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
        ),
    )
  );
}
