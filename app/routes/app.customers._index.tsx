// Customers: search by name, e-mail or customer ID, or browse every customer by segment and rank,
// sorted by net spend, last order or predicted CLV, a keyset page at a time, and export the list.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { CustomerListCard } from "../components/CustomerListCard.tsx";
import { readCustomerListQuery } from "../components/customer-list-query.ts";
import { formatShopDay } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import { getCustomerList } from "../services/customer-list.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  const query = readCustomerListQuery(new URL(request.url).searchParams);
  const list = await getCustomerList(session.shop, {
    search: query.q,
    segment: query.segment,
    rankKey: query.rank,
    sort: query.sort,
    direction: query.direction,
    after: query.after,
    before: query.before,
  });
  return { list, query };
}

export default function Customers() {
  const { list, query } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <Page
      title={t("customers.title")}
      subtitle={
        list.asOn
          ? t("customers.asOf", {
              date: formatShopDay(list.asOn, resolveLocale(i18n.language)),
            })
          : undefined
      }
    >
      <Layout>
        <Layout.Section>
          {/* Keyed by the query, so the filter fields follow a link to another list. */}
          <CustomerListCard
            key={JSON.stringify(query)}
            list={list}
            query={query}
            basePath="/app/customers"
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
