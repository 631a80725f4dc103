// The customer list as a CSV download: every customer of the shop's segment and/or rank, streamed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readCustomerListQuery } from "../components/customer-list-query.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import { streamCustomerCsv } from "../services/customer-export.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  const search = new URL(request.url).searchParams;
  const query = readCustomerListQuery(search);
  const stream = await streamCustomerCsv(session.shop, {
    segment: query.segment,
    rankKey: query.rank,
    sort: query.sort,
    direction: query.direction,
    locale: resolveLocale(search.get("locale")),
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="kizuna-customers-${query.segment ?? "all"}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
