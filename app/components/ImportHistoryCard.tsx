// The shop's past imports, newest first; each opens its summary and bad rows on the same page.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatCount, formatShopDateTime } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { ImportPage } from "../services/import-page.server.ts";
import { IMPORT_STATUS_TONE } from "./ImportRunCard.tsx";

type ImportHistoryCardProps = Pick<SerializeFrom<ImportPage>, "history" | "timeZone">;

export function ImportHistoryCard({ history, timeZone }: ImportHistoryCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("imports.history.heading")}
        </Text>
        {history.length === 0 ? (
          <Text as="p">{t("imports.history.empty")}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "numeric", "numeric"]}
            headings={[
              t("imports.history.file"),
              t("imports.history.createdAt"),
              t("imports.history.status"),
              t("imports.history.orders"),
              t("imports.history.badRows"),
            ]}
            rows={history.map((run) => [
              <BlockStack key={run.id} gap="050">
                <Link to={`?run=${run.id}`}>{run.fileName}</Link>
                <Text as="span" tone="subdued" variant="bodySm">
                  {t(`imports.history.origins.${run.origin}`)}
                </Text>
              </BlockStack>,
              formatShopDateTime(run.createdAt, locale, timeZone),
              <Badge key={run.id} tone={IMPORT_STATUS_TONE[run.status]}>
                {t(`imports.run.status.${run.status}`)}
              </Badge>,
              formatCount(run.ordersSaved, locale),
              formatCount(run.badRowCount, locale),
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
