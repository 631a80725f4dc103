// A customer's purchase summary: orders, net spend, average order value, first and last order.
import type { SerializeFrom } from "@remix-run/node";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatCount, formatMoney, formatShopDay } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { CustomerProfile } from "../services/customer-profile.server.ts";
import { DefinitionRows } from "./DefinitionRows.tsx";

type Analytics = NonNullable<SerializeFrom<CustomerProfile>["analytics"]>;

export function CustomerPurchasesCard({
  analytics,
  currencyCode,
}: {
  analytics: Analytics;
  currencyCode: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const money = (minor: number | null) =>
    minor === null ? "–" : formatMoney(minor, currencyCode, locale);
  const lastOrder =
    analytics.lastOrderOn === null || analytics.recencyDays === null
      ? "–"
      : analytics.recencyDays === 0
        ? t("customers.profile.summary.today", {
            date: formatShopDay(analytics.lastOrderOn, locale),
          })
        : t("customers.profile.summary.daysAgo", {
            date: formatShopDay(analytics.lastOrderOn, locale),
            count: analytics.recencyDays,
          });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("customers.profile.summary.heading")}
        </Text>
        <DefinitionRows
          rows={[
            {
              label: t("customers.profile.summary.orders"),
              value: formatCount(analytics.orderCount, locale),
            },
            {
              label: t("customers.profile.summary.netSpend"),
              value: money(analytics.netSpendMinor),
            },
            {
              label: t("customers.profile.summary.averageOrderValue"),
              value: money(analytics.averageOrderValueMinor),
            },
            {
              label: t("customers.profile.summary.firstOrder"),
              value: analytics.firstOrderOn
                ? formatShopDay(analytics.firstOrderOn, locale)
                : "–",
            },
            {
              label: t("customers.profile.summary.lastOrder"),
              value: lastOrder,
            },
          ]}
        />
      </BlockStack>
    </Card>
  );
}
