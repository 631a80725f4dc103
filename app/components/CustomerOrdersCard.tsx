// A customer's newest orders with their totals, refunds and net revenue, and whether each counts
// toward analytics (cancelled and test orders do not, product.md §1).
import type { SerializeFrom } from "@remix-run/node";
import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatMoney, formatShopDateTime } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { CustomerProfile } from "../services/customer-profile.server.ts";

type OrderLine = SerializeFrom<CustomerProfile>["orders"][number];

function statusOf(
  order: OrderLine,
): "counted" | "cancelled" | "test" | "excluded" {
  if (order.countsTowardCustomerAnalytics) return "counted";
  if (order.cancelledAt !== null) return "cancelled";
  return order.test ? "test" : "excluded";
}

export function CustomerOrdersCard({
  profile,
}: {
  profile: SerializeFrom<CustomerProfile>;
}) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("customers.profile.orders.heading")}
        </Text>
        {profile.orders.length === 0 ? (
          <Text as="p">{t("customers.profile.orders.none")}</Text>
        ) : (
          <DataTable
            columnContentTypes={[
              "text",
              "text",
              "numeric",
              "numeric",
              "numeric",
              "text",
            ]}
            headings={[
              t("customers.profile.orders.order"),
              t("customers.profile.orders.date"),
              t("customers.profile.orders.total"),
              t("customers.profile.orders.refunded"),
              t("customers.profile.orders.net"),
              t("customers.profile.orders.status"),
            ]}
            rows={profile.orders.map((order) => {
              const status = statusOf(order);
              const money = (minor: number) =>
                formatMoney(minor, order.currency, locale);
              return [
                order.name,
                formatShopDateTime(order.processedAt, locale, profile.timeZone),
                money(order.totalMinor),
                order.refundedMinor === 0 ? "–" : money(order.refundedMinor),
                money(order.netMinor),
                <Badge
                  key={order.orderGid}
                  tone={status === "counted" ? "success" : undefined}
                >
                  {t(`customers.profile.orders.statuses.${status}`)}
                </Badge>,
              ];
            })}
          />
        )}
        {profile.orderCount > profile.orders.length && (
          <Text as="p" tone="subdued">
            {t("customers.profile.orders.more", {
              shown: profile.orders.length,
              count: profile.orderCount,
            })}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
