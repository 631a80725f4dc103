// Every segment with its customers, net spend and their shares, linking to the segment's members.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { nameSegment } from "../domain/analytics/segments.ts";
import { formatCount, formatMoney, formatRatio } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { SegmentsOverview } from "../services/segments-page.server.ts";

type ReadyOverview = Extract<
  SerializeFrom<SegmentsOverview>,
  { status: "ready" }
>;

export function SegmentListCard({ overview }: { overview: ReadyOverview }) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const money = (minor: number) =>
    formatMoney(minor, overview.currencyCode, locale);
  const share = (part: number, whole: number) =>
    whole > 0 ? formatRatio(part / whole, locale) : "–";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("segments.list.heading")}
        </Text>
        <DataTable
          columnContentTypes={[
            "text",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
          ]}
          headings={[
            t("segments.list.segment"),
            t("segments.list.customers"),
            t("segments.list.customerShare"),
            t("segments.list.netSpend"),
            t("segments.list.spendShare"),
            t("segments.list.averageSpend"),
          ]}
          rows={overview.segments.map((segment) => [
            <BlockStack key={segment.segment} gap="050">
              <Link to={`/app/segments/${segment.segment}`}>
                {nameSegment(segment.segment, locale)}
              </Link>
              <Text as="span" variant="bodySm" tone="subdued">
                {t(`segments.descriptions.${segment.segment}`)}
              </Text>
            </BlockStack>,
            formatCount(segment.customerCount, locale),
            share(segment.customerCount, overview.customerCount),
            money(segment.netSpendMinor),
            share(segment.netSpendMinor, overview.netSpendMinor),
            segment.customerCount > 0
              ? money(Math.round(segment.netSpendMinor / segment.customerCount))
              : "–",
          ])}
          totals={[
            "",
            formatCount(overview.customerCount, locale),
            "",
            money(overview.netSpendMinor),
            "",
            "",
          ]}
          showTotalsInFooter
          totalsName={{
            singular: t("segments.list.total"),
            plural: t("segments.list.total"),
          }}
        />
      </BlockStack>
    </Card>
  );
}
