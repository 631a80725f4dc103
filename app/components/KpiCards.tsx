// Home's headline KPIs, each with how it moved since the snapshot about a month earlier (product.md
// §5: "KPIs, trends"). Ratios move in percentage points, counts and money in their own units.
import type { SerializeFrom } from "@remix-run/node";
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { KpiHeadlineKey } from "../domain/analytics/kpis/headline.ts";
import {
  formatCount,
  formatMoney,
  formatPointChange,
  formatRatio,
  formatShopDay,
  formatSignedCount,
  formatSignedMoney,
} from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { Dashboard } from "../services/dashboard.server.ts";

type ReadyDashboard = Extract<SerializeFrom<Dashboard>, { status: "ready" }>;

const KPIS = [
  {
    key: "customerCount",
    label: "dashboard.kpis.customers",
    help: "dashboard.kpis.customersHelp",
    kind: "count",
  },
  {
    key: "activeCustomerCount",
    label: "dashboard.kpis.activeCustomers",
    help: "dashboard.kpis.activeCustomersHelp",
    kind: "count",
  },
  {
    key: "repeatRatio",
    label: "dashboard.kpis.repeatRate",
    help: "dashboard.kpis.repeatRateHelp",
    kind: "ratio",
  },
  {
    key: "f2ConversionRatio",
    label: "dashboard.kpis.f2",
    help: "dashboard.kpis.f2Help",
    kind: "ratio",
  },
  {
    key: "netRevenueMinor",
    label: "dashboard.kpis.netRevenue",
    help: "dashboard.kpis.netRevenueHelp",
    kind: "money",
  },
  {
    key: "paretoShareRatio",
    label: "dashboard.kpis.pareto",
    help: "dashboard.kpis.paretoHelp",
    kind: "ratio",
  },
] as const satisfies readonly {
  key: KpiHeadlineKey;
  label: string;
  help: string;
  kind: "count" | "ratio" | "money";
}[];

export function KpiCards({ dashboard }: { dashboard: ReadyDashboard }) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const { headline, trend, currencyCode } = dashboard;
  const formatValue = (
    kind: "count" | "ratio" | "money",
    value: number | null,
  ) => {
    if (value === null) return t("dashboard.kpis.notYet");
    if (kind === "ratio") return formatRatio(value, locale);
    return kind === "money"
      ? formatMoney(value, currencyCode, locale)
      : formatCount(value, locale);
  };
  const formatChange = (kind: "count" | "ratio" | "money", change: number) => {
    if (kind === "ratio")
      return t("dashboard.kpis.points", {
        change: formatPointChange(change, locale),
      });
    return kind === "money"
      ? formatSignedMoney(change, currencyCode, locale)
      : formatSignedCount(change, locale);
  };
  return (
    <BlockStack gap="200">
      <Text as="h2" visuallyHidden>
        {t("dashboard.kpis.heading")}
      </Text>
      <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="400">
        {KPIS.map(({ key, label, help, kind }) => {
          const change = trend?.change[key] ?? null;
          return (
            <Card key={key}>
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {t(label)}
                </Text>
                <Text as="p" variant="heading2xl">
                  {formatValue(kind, headline[key])}
                </Text>
                <Text as="p" tone="subdued" variant="bodySm">
                  {t(help)}
                </Text>
                {trend !== null && change !== null && (
                  <Text
                    as="p"
                    variant="bodySm"
                    tone={
                      change > 0
                        ? "success"
                        : change < 0
                          ? "critical"
                          : "subdued"
                    }
                  >
                    {t("dashboard.kpis.since", {
                      change: formatChange(kind, change),
                      date: formatShopDay(trend.sinceOn, locale),
                    })}
                  </Text>
                )}
              </BlockStack>
            </Card>
          );
        })}
      </InlineGrid>
      {trend === null && (
        <Text as="p" tone="subdued" variant="bodySm">
          {t("dashboard.kpis.noTrend")}
        </Text>
      )}
    </BlockStack>
  );
}
