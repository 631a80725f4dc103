// Home's "Data" card: the store updates (webhooks) Kizuna has received so far, shown honestly
// empty until the first one arrives.
import type { SerializeFrom } from "@remix-run/node";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatCount, formatShopDateTime } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import { en } from "../i18n/locales/en.ts";
import type { HomeOverview } from "../services/home.server.ts";
import { DefinitionRows } from "./DefinitionRows.tsx";

type DataCardProps = { webhooks: SerializeFrom<HomeOverview>["webhooks"]; timeZone: string };

function isKnownTopic(topic: string): topic is keyof typeof en.home.topics {
  return Object.hasOwn(en.home.topics, topic);
}

export function DataCard({ webhooks, timeZone }: DataCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const { receivedCount, lastReceivedAt, lastTopic } = webhooks;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("home.data.heading")}
        </Text>
        {receivedCount === 0 || lastReceivedAt === null || lastTopic === null ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t("home.data.emptyTitle")}
            </Text>
            <Text as="p">{t("home.data.emptyBody")}</Text>
          </BlockStack>
        ) : (
          <DefinitionRows
            rows={[
              { label: t("home.data.updatesReceived"), value: formatCount(receivedCount, locale) },
              { label: t("home.data.lastReceivedAt"), value: formatShopDateTime(lastReceivedAt, locale, timeZone) },
              { label: t("home.data.lastTopic"), value: isKnownTopic(lastTopic) ? t(`home.topics.${lastTopic}`) : lastTopic },
            ]}
          />
        )}
        <Text as="p" tone="subdued">
          {t("home.data.afterImportNote")}
        </Text>
      </BlockStack>
    </Card>
  );
}
