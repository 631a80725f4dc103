// The RFM thresholds in use (product.md §2: "explain its thresholds in the UI"): for each measure, the
// values that earn each score, and in plain words how the cut points were chosen, small shops included.
import type { SerializeFrom } from "@remix-run/node";
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { ScoreRange } from "../domain/analytics/rfm-ranges.ts";
import { formatMoney, formatShopDay } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { RfmThresholds } from "../services/rfm-thresholds.server.ts";

type RfmThresholdsCardProps = {
  thresholds: SerializeFrom<RfmThresholds>;
  currencyCode: string;
};

export function RfmThresholdsCard({
  thresholds,
  currencyCode,
}: RfmThresholdsCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const { ranges } = thresholds;
  const describe = (range: ScoreRange, value: (amount: number) => string) => {
    if (range.empty) return t("segments.thresholds.empty");
    if (range.from !== null && range.to !== null)
      return range.from === range.to
        ? value(range.from)
        : t("segments.thresholds.between", {
            from: value(range.from),
            to: value(range.to),
          });
    if (range.from !== null)
      return t("segments.thresholds.atLeast", { from: value(range.from) });
    if (range.to !== null)
      return t("segments.thresholds.atMost", { to: value(range.to) });
    return t("segments.thresholds.any");
  };
  const days = (count: number) => t("segments.thresholds.days", { count });
  const orders = (count: number) => t("segments.thresholds.orders", { count });
  const money = (minor: number) => formatMoney(minor, currencyCode, locale);
  // Every customer has at least one order, so the lowest frequency range starts at one.
  const orderRanges = ranges.orderCount.map((range) =>
    range.score === 1 ? { ...range, from: 1 } : range,
  );
  // Score 5 first, as the best customers are what the merchant looks for.
  const rows = [5, 4, 3, 2, 1].map((score) => [
    String(score),
    describe(ranges.recencyDays[score - 1] as ScoreRange, days),
    describe(orderRanges[score - 1] as ScoreRange, orders),
    describe(ranges.netSpendMinor[score - 1] as ScoreRange, money),
  ]);
  const hasEmptyScore = [
    ...ranges.recencyDays,
    ...ranges.orderCount,
    ...ranges.netSpendMinor,
  ].some((range) => range.empty);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("segments.thresholds.heading")}
        </Text>
        <Text as="p">
          {thresholds.method === "fixed"
            ? t("segments.thresholds.fixed", {
                date: formatShopDay(thresholds.asOn, locale),
              })
            : t("segments.thresholds.quantiles", {
                count: thresholds.customerCount,
                date: formatShopDay(thresholds.asOn, locale),
              })}
        </Text>
        {hasEmptyScore && (
          <Text as="p" tone="subdued">
            {t("segments.thresholds.smallShop")}
          </Text>
        )}
        <DataTable
          columnContentTypes={["text", "text", "text", "text"]}
          headings={[
            t("segments.thresholds.score"),
            t("segments.thresholds.recency"),
            t("segments.thresholds.frequency"),
            t("segments.thresholds.monetary"),
          ]}
          rows={rows}
        />
      </BlockStack>
    </Card>
  );
}
