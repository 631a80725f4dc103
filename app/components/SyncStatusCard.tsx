// The Settings page's "Shopify sync" card: the latest sync with its progress bar while it runs, what
// it did once it ended, why it stopped, the customers waiting for their change to reach Shopify, the
// customers Shopify did not accept, and Sync now.
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatCount, formatShopDateTime } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type {
  SyncSettingsAction,
  SyncSettingsPage,
} from "../services/sync/settings-page.server.ts";
import { DefinitionRows } from "./DefinitionRows.tsx";

export const SYNC_STATUS_TONE = {
  running: "info",
  completed: "success",
  failed: "critical",
} as const;

type SyncStatusCardProps = {
  page: SerializeFrom<SyncSettingsPage>;
  result: SerializeFrom<SyncSettingsAction> | null;
};

export function SyncStatusCard({ page, result }: SyncStatusCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const progressLabelId = useId();
  const navigation = useNavigation();
  const submitting =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === "syncNow";
  const count = (value: number) => formatCount(value, locale);
  const latest = page.runs[0] ?? null;
  const requested =
    result?.intent === "syncNow"
      ? result.ok
        ? result.outcome
        : result.problem
      : null;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("settings.sync.heading")}
          </Text>
          {latest && (
            <Badge tone={SYNC_STATUS_TONE[latest.status]}>
              {t(`settings.sync.status.${latest.status}`)}
            </Badge>
          )}
        </InlineStack>
        <Text as="p" tone="subdued">
          {t("settings.sync.description")}
        </Text>
        {requested && (
          <Banner tone={result?.ok ? "success" : "critical"}>
            {t(`settings.sync.requested.${requested}`)}
          </Banner>
        )}
        {latest === null ? (
          <Text as="p">{t("settings.sync.never")}</Text>
        ) : (
          <BlockStack gap="300">
            {latest.errorCode && (
              <Banner tone="critical">
                {t(`settings.sync.problem.${latest.errorCode}`)}
              </Banner>
            )}
            <BlockStack gap="100">
              <InlineStack align="space-between">
                <Text as="span" id={progressLabelId} variant="bodyMd">
                  {t("settings.sync.progressLabel")}
                </Text>
                <Text as="span" variant="bodyMd" fontWeight="semibold">
                  {t("settings.sync.percent", { percent: latest.percent })}
                </Text>
              </InlineStack>
              <ProgressBar
                progress={latest.percent}
                tone={
                  latest.status === "failed"
                    ? "critical"
                    : latest.status === "completed"
                      ? "success"
                      : "highlight"
                }
                ariaLabelledBy={progressLabelId}
              />
              <Text as="p" tone="subdued">
                {t("settings.sync.progress", {
                  done: count(latest.doneCount),
                  total: count(
                    Math.max(latest.customerCount, latest.doneCount),
                  ),
                })}
              </Text>
            </BlockStack>
            {latest.status === "running" && (
              <Text as="p">{t("settings.sync.refreshing")}</Text>
            )}
            {latest.rerunRequested && (
              <Text as="p">{t("settings.sync.rerun")}</Text>
            )}
            <DefinitionRows
              rows={[
                {
                  label: t("settings.sync.trigger.label"),
                  value: t(`settings.sync.trigger.${latest.trigger}`),
                },
                {
                  label: t("settings.sync.startedAt"),
                  value: formatShopDateTime(
                    latest.startedAt,
                    locale,
                    page.timeZone,
                  ),
                },
                ...(latest.finishedAt
                  ? [
                      {
                        label: t("settings.sync.finishedAt"),
                        value: formatShopDateTime(
                          latest.finishedAt,
                          locale,
                          page.timeZone,
                        ),
                      },
                    ]
                  : []),
                {
                  label: t("settings.sync.written"),
                  value: count(latest.writtenCount),
                },
                {
                  label: t("settings.sync.unchanged"),
                  value: count(latest.unchangedCount),
                },
                {
                  label: t("settings.sync.skipped"),
                  value: count(latest.skippedCount),
                },
                {
                  label: t("settings.sync.failed"),
                  value: count(latest.failedCount),
                },
                {
                  label: t("settings.sync.definitions.label"),
                  value: t(
                    page.definitionsReady
                      ? "settings.sync.definitions.ready"
                      : "settings.sync.definitions.pending",
                  ),
                },
              ]}
            />
          </BlockStack>
        )}
        {page.waitingCount > 0 && (
          <Text as="p">
            {t("settings.sync.waiting", {
              customers: count(page.waitingCount),
            })}
          </Text>
        )}
        {page.failures.count > 0 && <FailedCustomers page={page} />}
        <Form method="post">
          <input type="hidden" name="intent" value="syncNow" />
          <Button submit variant="primary" loading={submitting}>
            {t("settings.sync.syncNow")}
          </Button>
        </Form>
      </BlockStack>
    </Card>
  );
}

function FailedCustomers({ page }: { page: SerializeFrom<SyncSettingsPage> }) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {t("settings.sync.failures.heading")}
      </Text>
      <Text as="p" tone="subdued">
        {t("settings.sync.failures.shown", {
          shown: formatCount(page.failures.customers.length, locale),
          count: formatCount(page.failures.count, locale),
        })}
      </Text>
      <DataTable
        columnContentTypes={["text", "text", "text"]}
        headings={[
          t("settings.sync.failures.customer"),
          t("settings.sync.failures.reason"),
          t("settings.sync.failures.when"),
        ]}
        rows={page.failures.customers.map((customer) => [
          customer.customerGid,
          customer.lastError,
          formatShopDateTime(customer.failedAt, locale, page.timeZone),
        ])}
      />
    </BlockStack>
  );
}
