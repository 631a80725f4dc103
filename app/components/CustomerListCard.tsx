// The customer list of Customers and of a segment's members: search (Customers only), filters by
// segment and rank, sort, keyset pages and the CSV export of the whole filtered list. Filters are a
// GET form, so every list has its own URL and works before the page is hydrated.
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import {
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { nameSegment } from "../domain/analytics/segments.ts";
import { formatCount, formatMoney, formatShopDay } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { CustomerList } from "../services/customer-list.server.ts";
import {
  customerIdOf,
  customerPath,
  nameCustomer,
  nameRank,
  nameSegmentOrNull,
  rankLabelsByKey,
} from "./analytics-labels.ts";
import { CsvExportButton } from "./CsvExportButton.tsx";
import {
  CUSTOMER_SORTS,
  SEGMENT_KEYS,
  writeCustomerListQuery,
  type CustomerListQuery,
} from "./customer-list-query.ts";
import { RankBadge } from "./RankBadge.tsx";

type CustomerListCardProps = {
  list: SerializeFrom<CustomerList>;
  query: SerializeFrom<CustomerListQuery>;
  /** The page the list is on: /app/customers, or a segment's page with its segment fixed. */
  basePath: string;
  fixedSegment?: string;
};

export function CustomerListCard({
  list,
  query,
  basePath,
  fixedSegment,
}: CustomerListCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const [search, setSearch] = useState(query.q);
  const [segment, setSegment] = useState(query.segment ?? "");
  const [rank, setRank] = useState(query.rank ?? "");
  const [sort, setSort] = useState<string>(query.sort);
  const [direction, setDirection] = useState<string>(query.direction);
  const labelOf = rankLabelsByKey(list.ranks);
  const money = (minor: number | null) =>
    minor === null ? "–" : formatMoney(minor, list.currencyCode, locale);
  const filters = {
    segment: fixedSegment ? null : query.segment,
    rank: query.rank,
    sort: query.sort,
    direction: query.direction,
  };
  const exportSearch = new URLSearchParams({
    ...((fixedSegment ?? query.segment)
      ? { segment: (fixedSegment ?? query.segment) as string }
      : {}),
    ...(query.rank ? { rank: query.rank } : {}),
    sort: query.sort,
    direction: query.direction,
    locale,
  });
  const searching = list.mode === "search";
  const rows = list.rows.map((row) => {
    const name =
      nameCustomer(row, locale) ??
      t("customers.table.unnamed", { id: customerIdOf(row.customerGid) });
    const analytics = row.analytics;
    return [
      <BlockStack key={row.customerGid} gap="050">
        <Link to={customerPath(row.customerGid)}>{name}</Link>
        {row.email && (
          <Text as="span" variant="bodySm" tone="subdued">
            {row.email}
          </Text>
        )}
      </BlockStack>,
      analytics
        ? (nameSegmentOrNull(analytics.segment, locale) ?? "–")
        : t("customers.table.noAnalytics"),
      analytics ? (
        <RankBadge
          key={`${row.customerGid}-rank`}
          label={labelOf(analytics.rankKey)}
          rankKey={analytics.rankKey}
        />
      ) : (
        "–"
      ),
      analytics ? formatCount(analytics.orderCount, locale) : "0",
      analytics ? money(analytics.netSpendMinor) : "–",
      analytics?.lastOrderOn
        ? formatShopDay(analytics.lastOrderOn, locale)
        : "–",
      analytics ? money(analytics.predictedClvMinor) : "–",
    ];
  });
  return (
    <Card>
      <BlockStack gap="400">
        {!fixedSegment && (
          <Form method="get" action={basePath}>
            <InlineStack gap="200" blockAlign="end" wrap={false}>
              <div style={{ flexGrow: 1 }}>
                <TextField
                  label={t("customers.search.label")}
                  name="q"
                  value={search}
                  onChange={setSearch}
                  placeholder={t("customers.search.placeholder")}
                  autoComplete="off"
                  type="search"
                />
              </div>
              <Button submit>{t("customers.search.submit")}</Button>
            </InlineStack>
          </Form>
        )}
        {searching ? (
          <InlineStack gap="300" blockAlign="center">
            <Text as="p">
              {list.rows.length === 0
                ? t("customers.search.none", { query: query.q })
                : t("customers.search.results", {
                    count: list.rows.length,
                    query: query.q,
                  })}
            </Text>
            <Link to={basePath}>{t("customers.search.clear")}</Link>
          </InlineStack>
        ) : (
          <Form method="get" action={basePath}>
            <InlineStack gap="300" blockAlign="end">
              {!fixedSegment && (
                <Select
                  label={t("customers.filters.segment")}
                  name="segment"
                  value={segment}
                  onChange={setSegment}
                  options={[
                    { label: t("customers.filters.all"), value: "" },
                    ...SEGMENT_KEYS.map((key) => ({
                      label: nameSegment(key, locale),
                      value: key,
                    })),
                  ]}
                />
              )}
              <Select
                label={t("customers.filters.rank")}
                name="rank"
                value={rank}
                onChange={setRank}
                options={[
                  { label: t("customers.filters.all"), value: "" },
                  ...list.ranks.map((label) => ({
                    label: nameRank(label, label.rankKey, locale),
                    value: label.rankKey,
                  })),
                ]}
              />
              <Select
                label={t("customers.filters.sort")}
                name="sort"
                value={sort}
                onChange={setSort}
                options={CUSTOMER_SORTS.map((key) => ({
                  label: t(`customers.filters.sorts.${key}`),
                  value: key,
                }))}
              />
              <Select
                label={t("customers.filters.direction")}
                name="direction"
                value={direction}
                onChange={setDirection}
                options={(["desc", "asc"] as const).map((key) => ({
                  label: t(`customers.filters.directions.${key}`),
                  value: key,
                }))}
              />
              <Button submit>{t("customers.filters.apply")}</Button>
            </InlineStack>
          </Form>
        )}
        {list.asOn === null && list.rows.length === 0 ? (
          <Text as="p">{t("customers.table.notComputed")}</Text>
        ) : rows.length === 0 ? (
          !searching && <Text as="p">{t("customers.table.empty")}</Text>
        ) : (
          <DataTable
            columnContentTypes={[
              "text",
              "text",
              "text",
              "numeric",
              "numeric",
              "text",
              "numeric",
            ]}
            headings={[
              t("customers.table.customer"),
              t("customers.table.segment"),
              t("customers.table.rank"),
              t("customers.table.orders"),
              t("customers.table.netSpend"),
              t("customers.table.lastOrder"),
              t("customers.table.predictedClv"),
            ]}
            rows={rows}
          />
        )}
        {list.truncated && (
          <Text as="p" tone="subdued">
            {t("customers.search.truncated", { count: list.rows.length })}
          </Text>
        )}
        {!searching && (
          <InlineStack align="space-between" blockAlign="center">
            <Pagination
              accessibilityLabel={t("customers.pagination.label")}
              hasPrevious={list.previous !== null}
              previousURL={
                list.previous
                  ? `${basePath}${writeCustomerListQuery({ ...filters, before: list.previous })}`
                  : undefined
              }
              hasNext={list.next !== null}
              nextURL={
                list.next
                  ? `${basePath}${writeCustomerListQuery({ ...filters, after: list.next })}`
                  : undefined
              }
              previousTooltip={t("customers.pagination.previous")}
              nextTooltip={t("customers.pagination.next")}
            />
            {list.rows.length > 0 && (
              <CsvExportButton
                href={`/app/customers/export?${exportSearch.toString()}`}
                fileName={`kizuna-customers-${fixedSegment ?? query.segment ?? "all"}.csv`}
              />
            )}
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}
