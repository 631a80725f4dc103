// F2 conversion by first-order month (product.md §2): the share of first-time buyers who ordered again
// within 30/60/90/180 days, for all complete months together and the latest months on their own. A
// month's window shows only once it has passed for all of its buyers, so no rate is a partial one.
import type { SerializeFrom } from "@remix-run/node";
import { LineChart } from "@shopify/polaris-viz";
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatCount, formatMonth, formatRatio } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { Dashboard } from "../services/dashboard.server.ts";
import { ChartFrame } from "./ChartFrame.tsx";

type ReadyDashboard = Extract<SerializeFrom<Dashboard>, { status: "ready" }>;

/** Months drawn as their own line beside all complete months. */
const CHARTED_COHORTS = 4;

export function F2ConversionCard({ dashboard }: { dashboard: ReadyDashboard }) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const { f2Windows, f2Cohorts } = dashboard;
  const windowLabel = (days: number) => t("dashboard.f2.windowDays", { days });
  const percent = (ratio: number | null) =>
    ratio === null ? null : Math.round(ratio * 1000) / 10;
  const hasResult = f2Windows.some(
    (window) => window.f2ConversionRatio !== null,
  );
  const charted = f2Cohorts
    .filter((cohort) => cohort.windows.some((window) => window.complete))
    .slice(-CHARTED_COHORTS);
  const series = [
    {
      name: t("dashboard.f2.allCohorts"),
      data: f2Windows.map((window) => ({
        key: windowLabel(window.windowDays),
        value: percent(window.f2ConversionRatio),
      })),
    },
    ...charted.map((cohort) => ({
      name: formatMonth(cohort.cohortMonth, locale),
      data: cohort.windows.map((window) => ({
        key: windowLabel(window.windowDays),
        value: percent(window.f2ConversionRatio),
      })),
    })),
  ];
  const cell = (ratio: number | null) =>
    ratio === null ? t("dashboard.f2.maturing") : formatRatio(ratio, locale);
  const rows = [
    // Each window of the aggregate covers its own complete months, so the row has no single buyer count.
    [
      t("dashboard.f2.allCohorts"),
      "",
      ...f2Windows.map((window) => cell(window.f2ConversionRatio)),
    ],
    ...[...f2Cohorts]
      .reverse()
      .map((cohort) => [
        formatMonth(cohort.cohortMonth, locale),
        formatCount(cohort.firstTimeBuyerCount, locale),
        ...cohort.windows.map((window) => cell(window.f2ConversionRatio)),
      ]),
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dashboard.f2.heading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("dashboard.f2.description")}
        </Text>
        {hasResult ? (
          <ChartFrame
            renderChart={() => (
              <LineChart
                theme="Light"
                data={series}
                isAnimated={false}
                yAxisOptions={{
                  labelFormatter: (value) => `${String(value)}%`,
                }}
                tooltipOptions={{
                  valueFormatter: (value) => `${String(value)}%`,
                }}
              />
            )}
          >
            <DataTable
              columnContentTypes={[
                "text",
                "numeric",
                ...f2Windows.map(() => "numeric" as const),
              ]}
              headings={[
                t("dashboard.f2.cohort"),
                t("dashboard.f2.buyers"),
                ...f2Windows.map((window) => windowLabel(window.windowDays)),
              ]}
              rows={rows}
            />
          </ChartFrame>
        ) : (
          <Text as="p">{t("dashboard.f2.noCohorts")}</Text>
        )}
      </BlockStack>
    </Card>
  );
}
