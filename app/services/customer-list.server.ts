// The customer list of the Customers page and of a segment's members (product.md §5): a keyset page
// of stored analytics rows filtered by segment and rank and sorted by net spend, last order or
// predicted CLV, with each customer's name and e-mail; or the customers a search finds by name or
// e-mail. Indexed reads only; a page costs the same at 200,000 customers as at 200.
import type { RfmSegment } from "../domain/analytics/segments.ts";
import type {
  CustomerAnalyticsCursor,
  CustomerAnalyticsRecord,
  CustomerAnalyticsSort,
} from "../models/analytics-customers.server.ts";
import { findCustomerAnalyticsRows } from "../models/analytics-customers.server.ts";
import {
  findCustomerContacts,
  searchCustomerContacts,
  type CustomerContact,
} from "../models/customer-directory.server.ts";
import { findShop } from "../models/shops.server.ts";
import {
  getShopAnalytics,
  listCustomers,
} from "./analytics/read-analytics.server.ts";
import { describeRanks, type RankLabel } from "./rank-labels.server.ts";

export const CUSTOMER_PAGE_SIZE = 50;
/** A search shows at most this many customers; the merchant narrows it with more words. */
export const SEARCH_RESULT_LIMIT = 50;

export type CustomerListRequest = {
  /** Words every match must contain in its name or e-mail; empty for the plain list. */
  readonly search: string;
  readonly segment: RfmSegment | null;
  readonly rankKey: string | null;
  readonly sort: CustomerAnalyticsSort;
  readonly direction: "asc" | "desc";
  readonly after: CustomerAnalyticsCursor | null;
  readonly before: CustomerAnalyticsCursor | null;
};

export type CustomerListRow = {
  readonly customerGid: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  /** null for a customer Kizuna has no analytics for yet (no countable order). */
  readonly analytics: Pick<
    CustomerAnalyticsRecord,
    | "segment"
    | "rankKey"
    | "orderCount"
    | "netSpendMinor"
    | "lastOrderOn"
    | "predictedClvMinor"
    | "recencyScore"
    | "frequencyScore"
    | "monetaryScore"
  > | null;
};

export type CustomerList = {
  readonly currencyCode: string;
  /** null before the shop's first full recompute. */
  readonly asOn: string | null;
  readonly mode: "list" | "search";
  readonly rows: CustomerListRow[];
  readonly next: CustomerAnalyticsCursor | null;
  readonly previous: CustomerAnalyticsCursor | null;
  /** A search that found more customers than it shows. */
  readonly truncated: boolean;
  /** The active rank rules' ranks first, for the filter and the labels. */
  readonly ranks: RankLabel[];
};

const SHOPIFY_CUSTOMER_ID = /^\d+$/;

function toRow(
  customerGid: string,
  contact: CustomerContact | undefined,
  record: CustomerAnalyticsRecord | undefined,
): CustomerListRow {
  return {
    customerGid,
    firstName: contact?.firstName ?? null,
    lastName: contact?.lastName ?? null,
    email: contact?.email ?? null,
    analytics: record
      ? {
          segment: record.segment,
          rankKey: record.rankKey,
          orderCount: record.orderCount,
          netSpendMinor: record.netSpendMinor,
          lastOrderOn: record.lastOrderOn,
          predictedClvMinor: record.predictedClvMinor,
          recencyScore: record.recencyScore,
          frequencyScore: record.frequencyScore,
          monetaryScore: record.monetaryScore,
        }
      : null,
  };
}

/** Names and e-mails a search matches; digits alone also find the Shopify customer with that id. */
async function searchRows(
  shop: string,
  request: CustomerListRequest,
): Promise<{ rows: CustomerListRow[]; truncated: boolean }> {
  const terms = request.search.split(/\s+/).filter((term) => term !== "");
  const contacts = await searchCustomerContacts(
    shop,
    terms,
    SEARCH_RESULT_LIMIT + 1,
  );
  const byId =
    terms.length === 1 && SHOPIFY_CUSTOMER_ID.test(terms[0] as string)
      ? `gid://shopify/Customer/${terms[0]}`
      : null;
  const gids = [
    ...new Set([
      ...(byId === null ? [] : [byId]),
      ...contacts.map((contact) => contact.customerGid),
    ]),
  ];
  const [records, byIdContacts] = await Promise.all([
    findCustomerAnalyticsRows(shop, gids),
    findCustomerContacts(shop, byId === null ? [] : [byId]),
  ]);
  const contactOf = new Map([
    ...contacts.map((contact) => [contact.customerGid, contact] as const),
    ...byIdContacts,
  ]);
  const rows = gids
    .filter((gid) => contactOf.has(gid) || records.has(gid))
    .map((gid) => toRow(gid, contactOf.get(gid), records.get(gid)))
    .filter(
      (row) =>
        (request.segment === null ||
          row.analytics?.segment === request.segment) &&
        (request.rankKey === null ||
          row.analytics?.rankKey === request.rankKey),
    );
  return {
    rows: rows.slice(0, SEARCH_RESULT_LIMIT),
    truncated: contacts.length > SEARCH_RESULT_LIMIT,
  };
}

export async function getCustomerList(
  shop: string,
  request: CustomerListRequest,
): Promise<CustomerList> {
  const [record, summary, labels] = await Promise.all([
    findShop(shop),
    getShopAnalytics(shop),
    describeRanks(shop),
  ]);
  const common = {
    currencyCode: record?.currencyCode ?? "",
    asOn: summary?.asOn ?? null,
    ranks: labels.active,
  };
  if (request.search.trim() !== "")
    return {
      ...common,
      mode: "search",
      ...(await searchRows(shop, request)),
      next: null,
      previous: null,
    };
  const page = await listCustomers(shop, {
    ...(request.segment === null ? {} : { segment: request.segment }),
    ...(request.rankKey === null ? {} : { rankKey: request.rankKey }),
    sort: request.sort,
    direction: request.direction,
    after: request.before === null ? request.after : null,
    before: request.before,
    limit: CUSTOMER_PAGE_SIZE,
  });
  const contacts = await findCustomerContacts(
    shop,
    page.customers.map((row) => row.customerGid),
  );
  return {
    ...common,
    mode: "list",
    rows: page.customers.map((row) =>
      toRow(row.customerGid, contacts.get(row.customerGid), row),
    ),
    next: page.next,
    previous: page.previous,
    truncated: false,
  };
}
