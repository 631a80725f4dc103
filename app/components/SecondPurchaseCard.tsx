// Days from the first to the second purchase (product.md §2: "to time the second-purchase nudge"):
// how many repeat customers came back after how long, with the median and the middle half.
import type { SerializeFrom } from "@remix-run/node";
import { BarChart } from "@shopify/polaris-viz";
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatCount } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { Dashboard } from "../services/dashboard.server.ts";
import { ChartFrame } from "./ChartFrame.tsx";

type ReadyDashboard = Extract<SerializeFrom<Dashboard>, { status: "ready" }>;

export function SecondPurchaseCard({
  dashboard,
}: {
  dashboard: ReadyDashboard;
}) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const { daysToSecondPurchase: distribution } = dashboard;
  const days = (value: number) => formatCount(Math.round(value), locale);
  const bucketLabel = (bucket: { fromDays: number; toDays: number | null }) =>
    bucket.toDays === null
      ? t("dashboard.secondPurchase.openBucket", { from: bucket.fromDays })
      : t("dashboard.secondPurchase.bucket", {
          from: bucket.fromDays,
          to: bucket.toDays,
        });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dashboard.secondPurchase.heading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("dashboard.secondPurchase.description")}
        </Text>
        {distribution.customerCount === 0 ||
        distribution.medianDays === null ? (
          <Text as="p">{t("dashboard.secondPurchase.none")}</Text>
        ) : (
          <>
            <Text as="p">
              {t("dashboard.secondPurchase.median", {
                median: days(distribution.medianDays),
                lower: days(
                  distribution.lowerQuartileDays ?? distribution.medianDays,
                ),
                upper: days(
                  distribution.upperQuartileDays ?? distribution.medianDays,
                ),
              })}
            </Text>
            <ChartFrame
              renderChart={() => (
                <BarChart
                  theme="Light"
                  isAnimated={false}
                  showLegend={false}
                  data={[
                    {
                      name: t("dashboard.secondPurchase.customers"),
                      data: distribution.buckets.map((bucket) => ({
                        key: bucketLabel(bucket),
                        value: bucket.customerCount,
                      })),
                    },
                  ]}
                  yAxisOptions={{ integersOnly: true }}
                />
              )}
            >
              <DataTable
                columnContentTypes={["text", "numeric"]}
                headings={[
                  t("dashboard.secondPurchase.days"),
                  t("dashboard.secondPurchase.customers"),
                ]}
                rows={distribution.buckets.map((bucket) => [
                  bucketLabel(bucket),
                  formatCount(bucket.customerCount, locale),
                ])}
              />
            </ChartFrame>
          </>
        )}
      </BlockStack>
    </Card>
  );
}
