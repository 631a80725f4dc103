// The customer list as a CSV file (product.md §5: "members … CSV export"): every customer of a segment
// and/or rank in the list's order, streamed a keyset page at a time so a 200,000-customer export never
// sits in memory. UTF-8 with a byte order mark, so spreadsheet apps read Japanese names correctly.
import { formatCsvRow } from "../domain/csv-row.ts";
import { formatMinorAsDecimal } from "../domain/money.ts";
import { nameSegment, type RfmSegment } from "../domain/analytics/segments.ts";
import type { Locale } from "../i18n/i18n.ts";
import {
  listCustomerAnalytics,
  type CustomerAnalyticsCursor,
  type CustomerAnalyticsListQuery,
} from "../models/analytics-customers.server.ts";
import { findCustomerContacts } from "../models/customer-directory.server.ts";
import { findShop } from "../models/shops.server.ts";
import { describeRanks } from "./rank-labels.server.ts";

const ROWS_PER_PAGE = 1000;
const BYTE_ORDER_MARK = "\uFEFF";

export const CUSTOMER_CSV_COLUMNS = [
  "customer_id",
  "first_name",
  "last_name",
  "email",
  "segment",
  "segment_name",
  "rank",
  "rank_name",
  "orders",
  "net_spend",
  "currency",
  "first_order_on",
  "last_order_on",
  "recency_score",
  "frequency_score",
  "monetary_score",
  "predicted_clv",
] as const;

export type CustomerExportRequest = Pick<
  CustomerAnalyticsListQuery,
  "sort" | "direction"
> & {
  readonly segment: RfmSegment | null;
  readonly rankKey: string | null;
  readonly locale: Locale;
};

/** The file's rows as a stream; each pull reads one page of customers. */
export async function streamCustomerCsv(
  shop: string,
  request: CustomerExportRequest,
): Promise<ReadableStream<Uint8Array>> {
  const [record, ranks] = await Promise.all([
    findShop(shop),
    describeRanks(shop),
  ]);
  const currency = record?.currencyCode || "XXX";
  const money = (minor: number | null) =>
    minor === null ? null : formatMinorAsDecimal(minor, currency);
  const encoder = new TextEncoder();
  let after: CustomerAnalyticsCursor | null = null;
  let headerWritten = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerWritten) {
        headerWritten = true;
        controller.enqueue(
          encoder.encode(BYTE_ORDER_MARK + formatCsvRow(CUSTOMER_CSV_COLUMNS)),
        );
        return;
      }
      const rows = await listCustomerAnalytics(shop, {
        ...(request.segment === null ? {} : { segment: request.segment }),
        ...(request.rankKey === null ? {} : { rankKey: request.rankKey }),
        sort: request.sort,
        direction: request.direction,
        after,
        limit: ROWS_PER_PAGE,
      });
      const contacts = await findCustomerContacts(
        shop,
        rows.map((row) => row.customerGid),
      );
      const lines = rows.map((row) => {
        const contact = contacts.get(row.customerGid);
        const rank = ranks.labelOf(row.rankKey);
        return formatCsvRow([
          row.customerGid,
          contact?.firstName ?? null,
          contact?.lastName ?? null,
          contact?.email ?? null,
          row.segment,
          row.segment === null
            ? null
            : nameSegment(row.segment as RfmSegment, request.locale),
          row.rankKey,
          rank.name?.[request.locale] ?? row.rankKey,
          row.orderCount,
          money(row.netSpendMinor),
          currency,
          row.firstOrderOn,
          row.lastOrderOn,
          row.recencyScore,
          row.frequencyScore,
          row.monetaryScore,
          money(row.predictedClvMinor),
        ]);
      });
      if (lines.length > 0) controller.enqueue(encoder.encode(lines.join("")));
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < ROWS_PER_PAGE) controller.close();
      else after = { value: last[request.sort], customerGid: last.customerGid };
    },
  });
}
