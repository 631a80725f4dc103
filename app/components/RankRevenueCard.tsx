// Net spend by rank (product.md §5: "revenue share by rank") and the Pareto share of the top 20 %.
import type { SerializeFrom } from "@remix-run/node";
import { DonutChart } from "@shopify/polaris-viz";
import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatCount, formatMoney, formatRatio } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { Dashboard } from "../services/dashboard.server.ts";
import { nameRank } from "./analytics-labels.ts";
import { ChartFrame } from "./ChartFrame.tsx";
import { RankBadge } from "./RankBadge.tsx";

type ReadyDashboard = Extract<SerializeFrom<Dashboard>, { status: "ready" }>;

export function RankRevenueCard({ dashboard }: { dashboard: ReadyDashboard }) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const { revenueByRank, currencyCode, paretoShare } = dashboard;
  const total = revenueByRank.reduce(
    (sum, rank) => sum + rank.netSpendMinor,
    0,
  );
  const money = (minor: number) => formatMoney(minor, currencyCode, locale);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("dashboard.ranks.heading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("dashboard.ranks.description")}
        </Text>
        <ChartFrame
          renderChart={() => (
            <DonutChart
              theme="Light"
              isAnimated={false}
              legendPosition="right"
              labelFormatter={(value) => money(Number(value))}
              data={revenueByRank.map((rank) => ({
                name: nameRank(rank, rank.rankKey, locale),
                ...(rank.color ? { color: rank.color } : {}),
                data: [
                  {
                    key: t("dashboard.ranks.netSpend"),
                    value: rank.netSpendMinor,
                  },
                ],
              }))}
            />
          )}
        >
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric"]}
            headings={[
              t("dashboard.ranks.rank"),
              t("dashboard.ranks.customers"),
              t("dashboard.ranks.netSpend"),
              t("dashboard.ranks.share"),
            ]}
            rows={revenueByRank.map((rank) => [
              <RankBadge
                key={rank.rankKey}
                label={rank}
                rankKey={rank.rankKey}
              />,
              formatCount(rank.customerCount, locale),
              money(rank.netSpendMinor),
              total > 0 ? formatRatio(rank.netSpendMinor / total, locale) : "–",
            ])}
          />
        </ChartFrame>
        {paretoShare.shareRatio !== null && (
          <Text as="p">
            {t("dashboard.ranks.pareto", {
              count: paretoShare.topCustomerCount,
              share: formatRatio(paretoShare.shareRatio, locale),
            })}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
