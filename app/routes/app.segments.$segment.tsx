// One segment: what it means, its size and share of spend, the R × F cells it covers, and its
// members with rank filter, sort, pages and CSV export.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CustomerListCard } from "../components/CustomerListCard.tsx";
import {
  readCustomerListQuery,
  SEGMENT_KEYS,
} from "../components/customer-list-query.ts";
import { nameSegment } from "../domain/analytics/segments.ts";
import { formatCount, formatMoney, formatRatio } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import { getCustomerList } from "../services/customer-list.server.ts";
import { getSegmentsOverview } from "../services/segments-page.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

const segmentParameter = z.enum(SEGMENT_KEYS);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  const segment = segmentParameter.safeParse(params.segment);
  if (!segment.success) throw new Response("Unknown segment", { status: 404 });
  const query = {
    ...readCustomerListQuery(new URL(request.url).searchParams),
    q: "",
    segment: segment.data,
  };
  const [overview, list] = await Promise.all([
    getSegmentsOverview(session.shop),
    getCustomerList(session.shop, {
      search: "",
      segment: segment.data,
      rankKey: query.rank,
      sort: query.sort,
      direction: query.direction,
      after: query.after,
      before: query.before,
    }),
  ]);
  const summary =
    overview.status === "ready"
      ? overview.segments.find((entry) => entry.segment === segment.data)
      : undefined;
  return {
    segment: segment.data,
    query,
    list,
    summary:
      summary && overview.status === "ready"
        ? {
            ...summary,
            totalCustomers: overview.customerCount,
            totalNetSpendMinor: overview.netSpendMinor,
          }
        : null,
  };
}

export default function SegmentMembers() {
  const { segment, query, list, summary } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  return (
    <Page
      title={nameSegment(segment, locale)}
      backAction={{ content: t("segments.members.back"), url: "/app/segments" }}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="p">{t(`segments.descriptions.${segment}`)}</Text>
              {summary && (
                <>
                  <Text as="p">
                    {t("segments.members.summary", {
                      customers: formatCount(summary.customerCount, locale),
                      spend: formatMoney(
                        summary.netSpendMinor,
                        list.currencyCode,
                        locale,
                      ),
                      share:
                        summary.totalNetSpendMinor > 0
                          ? formatRatio(
                              summary.netSpendMinor /
                                summary.totalNetSpendMinor,
                              locale,
                            )
                          : "–",
                    })}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t("segments.members.cells", {
                      cells: summary.cells
                        .map(
                          (cell) =>
                            `R${cell.recencyScore}F${cell.frequencyScore}`,
                        )
                        .join(", "),
                    })}
                  </Text>
                </>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <CustomerListCard
            key={JSON.stringify(query)}
            list={list}
            query={query}
            basePath={`/app/segments/${segment}`}
            fixedSegment={segment}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
