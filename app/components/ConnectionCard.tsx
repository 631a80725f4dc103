// Home's "Connection" card: which store Kizuna is connected to and whether its access still works.
import type { SerializeFrom } from "@remix-run/node";
import { Badge, Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { resolveLocale } from "../i18n/i18n.ts";
import { formatCurrencyName, formatShopDate } from "../i18n/format.ts";
import { en } from "../i18n/locales/en.ts";
import type { HomeOverview } from "../services/home.server.ts";
import { DefinitionRows } from "./DefinitionRows.tsx";

type ConnectionCardProps = Pick<SerializeFrom<HomeOverview>, "shop" | "connection">;

const STATUS_TONE = { connected: "success", expired: "critical", missing: "critical" } as const;

function isKnownPermission(scope: string): scope is keyof typeof en.home.permissions {
  return Object.hasOwn(en.home.permissions, scope);
}

export function ConnectionCard({ shop, connection }: ConnectionCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("home.connection.heading")}
          </Text>
          <Badge tone={STATUS_TONE[connection.status]}>{t(`home.connection.badge.${connection.status}`)}</Badge>
        </InlineStack>
        {connection.status !== "connected" && (
          <Banner tone="critical">{t(`home.connection.problem.${connection.status}`)}</Banner>
        )}
        {shop ? (
          <BlockStack gap="300">
            <Text as="p" variant="bodyLg">
              {t("home.connection.connectedTo", { name: shop.name, domain: shop.domain })}
            </Text>
            {connection.renewsAutomatically && (
              <Text as="p" tone="subdued">
                {t("home.connection.renewsAutomatically")}
              </Text>
            )}
            <DefinitionRows
              rows={[
                { label: t("home.connection.currency"), value: formatCurrencyName(shop.currencyCode, locale) },
                { label: t("home.connection.timeZone"), value: shop.ianaTimezone },
                {
                  label: t("home.connection.installedOn"),
                  value: formatShopDate(shop.installedAt, locale, shop.ianaTimezone),
                },
                {
                  label: t("home.connection.permissions"),
                  value:
                    shop.grantedScopes.length === 0
                      ? t("home.connection.noPermissions")
                      : shop.grantedScopes
                          .map((scope) => (isKnownPermission(scope) ? t(`home.permissions.${scope}`) : scope))
                          .join(locale === "ja" ? "、" : ", "),
                },
              ]}
            />
          </BlockStack>
        ) : (
          <Text as="p">{t("home.connection.storeDetailsPending")}</Text>
        )}
      </BlockStack>
    </Card>
  );
}
