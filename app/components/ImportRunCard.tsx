// One import on the Import orders page: its progress while it runs, then its summary and the rows it
// could not import, by line number and reason.
import type { SerializeFrom } from "@remix-run/node";
import { Badge, Banner, BlockStack, Card, DataTable, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { formatCount, formatShopDateTime } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { ImportPage } from "../services/import-page.server.ts";
import { DefinitionRows } from "./DefinitionRows.tsx";

type ImportRunCardProps = { run: NonNullable<SerializeFrom<ImportPage>["selected"]>; timeZone: string };

export const IMPORT_STATUS_TONE = { queued: "info", running: "attention", done: "success", failed: "critical" } as const;

export function ImportRunCard({ run, timeZone }: ImportRunCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const count = (value: number) => formatCount(value, locale);
  const finished = run.status === "done" || run.status === "failed";
  const unchanged = run.ordersSaved - run.ordersCreated - run.ordersUpdated;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("imports.run.heading", { fileName: run.fileName })}
          </Text>
          <Badge tone={IMPORT_STATUS_TONE[run.status]}>{t(`imports.run.status.${run.status}`)}</Badge>
        </InlineStack>
        {run.failureReason && <Banner tone="critical">{t(`imports.run.failures.${run.failureReason}`)}</Banner>}
        {!finished && (
          <BlockStack gap="200">
            <ProgressBar progress={run.percent} ariaLabelledBy="import-progress-label" />
            <Text as="p" id="import-progress-label" tone="subdued">
              {t("imports.run.progressLabel")}: {t("imports.run.percent", { percent: run.percent })}
            </Text>
          </BlockStack>
        )}
        <DefinitionRows
          rows={[
            ...(run.format ? [{ label: t("imports.run.format"), value: t(`imports.run.detectedFormats.${run.format}`) }] : []),
            { label: t("imports.run.linesRead"), value: count(run.linesRead) },
            {
              label: t("imports.run.ordersSaved"),
              value: finished
                ? t("imports.run.ordersSummary", {
                    count: count(run.ordersSaved),
                    created: count(run.ordersCreated),
                    updated: count(run.ordersUpdated),
                    unchanged: count(unchanged),
                  })
                : count(run.ordersSaved),
            },
            { label: t("imports.run.customersCreated"), value: count(run.customersCreated) },
            ...(run.skippedRows > 0 ? [{ label: t("imports.run.skippedRows"), value: count(run.skippedRows) }] : []),
            { label: t("imports.run.badRowCount"), value: count(run.badRowCount) },
            ...(run.startedAt ? [{ label: t("imports.run.startedAt"), value: formatShopDateTime(run.startedAt, locale, timeZone) }] : []),
            ...(run.finishedAt ? [{ label: t("imports.run.finishedAt"), value: formatShopDateTime(run.finishedAt, locale, timeZone) }] : []),
          ]}
        />
        {finished && run.status === "done" && <BadRows run={run} />}
      </BlockStack>
    </Card>
  );
}

function BadRows({ run }: { run: ImportRunCardProps["run"] }) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {t("imports.run.badRows.heading")}
      </Text>
      {run.badRowCount === 0 ? (
        <Text as="p">{t("imports.run.badRows.none")}</Text>
      ) : (
        <>
          <Text as="p" tone="subdued">
            {t("imports.run.badRows.shown", { shown: formatCount(run.badRows.length, locale), count: formatCount(run.badRowCount, locale) })}
          </Text>
          <DataTable
            columnContentTypes={["numeric", "text", "text"]}
            headings={[t("imports.run.badRows.line"), t("imports.run.badRows.column"), t("imports.run.badRows.reason")]}
            rows={run.badRows.map((row) => [
              formatCount(row.line, locale),
              row.column ?? t("imports.run.badRows.wholeRow"),
              t(`imports.run.reasons.${row.message}`),
            ])}
          />
        </>
      )}
    </BlockStack>
  );
}
