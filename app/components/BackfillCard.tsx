// Home's "History import" card: how far the import of the store's past orders and customers is
// (product.md §1: a visible progress bar), what stopped it, and, without read_all_orders, that only
// the last 60 days could be loaded and why. The merchant can run the import again from here.
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatCount, formatShopDate, formatShopDateTime } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { BackfillRequestOutcome } from "../services/backfill.server.ts";
import type { HomeOverview } from "../services/home.server.ts";
import { DefinitionRows } from "./DefinitionRows.tsx";

export const BACKFILL_INTENT = "run-backfill";

type BackfillCardProps = {
  backfill: SerializeFrom<HomeOverview>["backfill"];
  timeZone: string;
  requestOutcome: BackfillRequestOutcome | null;
};

const PHASE_TONE = { starting: "info", exporting: "info", importing: "info", completed: "success", failed: "critical" } as const;

export function BackfillCard({ backfill, timeZone, requestOutcome }: BackfillCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const progressLabelId = useId();
  const submitting = useNavigation().state === "submitting";
  const running = backfill?.status === "running";
  const count = (value: number) => formatCount(value, locale);
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("backfill.heading")}
          </Text>
          {backfill && <Badge tone={PHASE_TONE[backfill.phase]}>{t(`backfill.phase.${backfill.phase}`)}</Badge>}
        </InlineStack>
        {backfill === null ? (
          <Text as="p">{t("backfill.notStarted")}</Text>
        ) : (
          <BlockStack gap="300">
            {backfill.problem && (
              <Banner tone={backfill.status === "failed" ? "critical" : "warning"}>{t(`backfill.problem.${backfill.problem}`)}</Banner>
            )}
            {backfill.ordersSince && (
              <Banner tone="info" title={t("backfill.recentOnly.title")}>
                {t("backfill.recentOnly.body", { since: formatShopDate(backfill.ordersSince, locale, timeZone) })}
              </Banner>
            )}
            <BlockStack gap="100">
              <InlineStack align="space-between">
                <Text as="span" id={progressLabelId} variant="bodyMd">
                  {t("backfill.progressLabel")}
                </Text>
                <Text as="span" variant="bodyMd" fontWeight="semibold">
                  {t("backfill.percent", { percent: backfill.percent })}
                </Text>
              </InlineStack>
              <ProgressBar
                progress={backfill.percent}
                tone={backfill.status === "failed" ? "critical" : backfill.status === "completed" ? "success" : "highlight"}
                ariaLabelledBy={progressLabelId}
              />
            </BlockStack>
            {backfill.phase === "exporting" && <Text as="p">{t("backfill.preparing", { count: count(backfill.recordsExported) })}</Text>}
            <Text as="p">
              {backfill.expectedOrders === null
                ? t("backfill.ordersWithoutTotal", { imported: count(backfill.ordersImported) })
                : t("backfill.orders", { imported: count(backfill.ordersImported), expected: count(backfill.expectedOrders) })}
            </Text>
            {backfill.expectedCustomers !== null && (
              <Text as="p">{t("backfill.customers", { imported: count(backfill.customersImported), expected: count(backfill.expectedCustomers) })}</Text>
            )}
            {backfill.skippedRecords > 0 && (
              <Text as="p" tone="caution">
                {t("backfill.skipped", { count: count(backfill.skippedRecords) })}
              </Text>
            )}
            <DefinitionRows
              rows={[
                { label: t("backfill.startedAt"), value: formatShopDateTime(backfill.startedAt, locale, timeZone) },
                ...(backfill.finishedAt ? [{ label: t("backfill.finishedAt"), value: formatShopDateTime(backfill.finishedAt, locale, timeZone) }] : []),
              ]}
            />
            {running && (
              <Text as="p" tone="subdued">
                {t("backfill.refreshing")}
              </Text>
            )}
          </BlockStack>
        )}
        {!running && (
          <Form method="post">
            <InlineStack gap="300" blockAlign="center">
              <input type="hidden" name="intent" value={BACKFILL_INTENT} />
              <Button submit loading={submitting}>
                {backfill === null ? t("backfill.start") : t("backfill.runAgain")}
              </Button>
              {requestOutcome && (
                <Text as="span" tone="subdued">
                  {t(`backfill.requested.${requestOutcome}`)}
                </Text>
              )}
            </InlineStack>
          </Form>
        )}
      </BlockStack>
    </Card>
  );
}
