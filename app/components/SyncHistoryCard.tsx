// The shop's recent syncs to Shopify, newest first.
import type { SerializeFrom } from "@remix-run/node";
import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatCount, formatShopDateTime } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { SyncSettingsPage } from "../services/sync/settings-page.server.ts";
import { SYNC_STATUS_TONE } from "./SyncStatusCard.tsx";

export function SyncHistoryCard({
  runs,
  timeZone,
}: Pick<SerializeFrom<SyncSettingsPage>, "runs" | "timeZone">) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("settings.sync.history.heading")}
        </Text>
        {runs.length === 0 ? (
          <Text as="p">{t("settings.sync.history.empty")}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "numeric", "numeric"]}
            headings={[
              t("settings.sync.history.startedAt"),
              t("settings.sync.history.trigger"),
              t("settings.sync.history.status"),
              t("settings.sync.history.written"),
              t("settings.sync.history.failed"),
            ]}
            rows={runs.map((run) => [
              formatShopDateTime(run.startedAt, locale, timeZone),
              t(`settings.sync.trigger.${run.trigger}`),
              <Badge key={run.id} tone={SYNC_STATUS_TONE[run.status]}>
                {t(`settings.sync.status.${run.status}`)}
              </Badge>,
              formatCount(run.writtenCount, locale),
              formatCount(run.failedCount, locale),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
