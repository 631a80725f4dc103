// The rank editor (product.md §2, §5): add, remove and reorder ranks, their names in English and
// Japanese, colour and thresholds on net spend and/or orders, and the rules every rank shares (tax
// basis, window, confirmation delay, review dates, inactivity step-down, refunds). Each problem the
// server finds is shown on its field; the page decides when the draft may be saved.
import {
  Banner,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  Checkbox,
  Divider,
  FormLayout,
  InlineError,
  InlineStack,
  List,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type {
  RankForm,
  RankFormRow,
} from "../domain/analytics/ranks/rank-policy-form.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { RankPolicyProblem } from "../services/analytics/rank-policies.server.ts";

export type EditorRow = RankFormRow & { readonly rowId: string };
export type EditorForm = Omit<RankForm, "ranks"> & {
  readonly ranks: readonly EditorRow[];
};

type RankEditorCardProps = {
  form: EditorForm;
  onChange: (form: EditorForm) => void;
  currencyCode: string;
  /** The problems of the last preview or save; null when it had none. */
  problems: readonly RankPolicyProblem[] | null;
  /** Names a rank key in the admin language (problems name ranks by key). */
  nameRankKey: (rankKey: string) => string;
};

/** The editor's form for a policy, each rank with a row id that survives reordering. */
export function toEditorForm(form: RankForm): EditorForm {
  return {
    ...form,
    ranks: form.ranks.map((row, index) => ({ ...row, rowId: `r${index + 1}` })),
  };
}

function nextRowId(rows: readonly EditorRow[]): string {
  return `r${1 + Math.max(0, ...rows.map((row) => Number(row.rowId.slice(1))))}`;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

function currencySymbol(
  currencyCode: string,
  locale: string,
): string | undefined {
  if (!/^[A-Z]{3}$/.test(currencyCode)) return undefined;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currencyCode,
  })
    .formatToParts(0)
    .find((part) => part.type === "currency")?.value;
}

export function RankEditorCard({
  form,
  onChange,
  currencyCode,
  problems,
  nameRankKey,
}: RankEditorCardProps) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const messageOf = (problem: RankPolicyProblem) =>
    problem.code === "RANK_HAS_OVERRIDES"
      ? t("ranks.errors.RANK_HAS_OVERRIDES", {
          rank: nameRankKey(problem.rankKey),
        })
      : t(`ranks.errors.${problem.code}`);
  const errorAt = (field: string) => {
    const found = problems?.filter((problem) => problem.field === field) ?? [];
    return found.length === 0 ? undefined : found.map(messageOf).join(" ");
  };
  const fieldIds = new Set<string>([
    ...form.ranks.flatMap((_, index) => [
      `ranks.${index}`,
      `ranks.${index}.key`,
      `ranks.${index}.name.en`,
      `ranks.${index}.name.ja`,
      `ranks.${index}.color`,
      `ranks.${index}.minNetSpendMinor`,
      `ranks.${index}.minOrders`,
      `ranks.${index}.combine`,
    ]),
    ...form.reviewDates.map((_, index) => `downgradeReviewDates.${index}`),
    "window.months",
    "confirmationDelayDays",
    "inactivityStepDown.months",
  ]);
  const unplaced =
    problems?.filter((problem) => !fieldIds.has(problem.field)) ?? [];
  const setRow = (index: number, change: Partial<RankFormRow>) =>
    onChange({
      ...form,
      ranks: form.ranks.map((row, at) =>
        at === index ? { ...row, ...change } : row,
      ),
    });
  const moveRow = (index: number, by: -1 | 1) => {
    const ranks = [...form.ranks];
    const [row] = ranks.splice(index, 1);
    ranks.splice(index + by, 0, row as EditorRow);
    onChange({ ...form, ranks });
  };
  const addRow = () => {
    const keys = new Set(form.ranks.map((row) => row.key));
    let number = form.ranks.length + 1;
    while (keys.has(`rank-${number}`)) number += 1;
    const highestOrders = Math.max(
      0,
      ...form.ranks.map((row) => Number(row.minOrders) || 0),
    );
    onChange({
      ...form,
      ranks: [
        ...form.ranks,
        {
          rowId: nextRowId(form.ranks),
          key: `rank-${number}`,
          nameEn: "",
          nameJa: "",
          color: "#5C6AC4",
          minNetSpend: "",
          minOrders: String(highestOrders + 1),
          combine: "any",
        },
      ],
    });
  };
  const symbol = currencySymbol(currencyCode, locale);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("ranks.editor.heading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("ranks.editor.description")}
        </Text>
        {problems !== null && problems.length > 0 && (
          <Banner tone="critical" title={t("ranks.errors.heading")}>
            {unplaced.length > 0 && (
              <List>
                {unplaced.map((problem) => (
                  <List.Item
                    key={`${problem.field}-${problem.code}-${"rankKey" in problem ? problem.rankKey : ""}`}
                  >
                    {messageOf(problem)}
                  </List.Item>
                ))}
              </List>
            )}
          </Banner>
        )}
        {form.ranks.map((row, index) => {
          const displayName =
            (locale === "ja" ? row.nameJa : row.nameEn) || row.key;
          const hasThresholds =
            row.minNetSpend.trim() !== "" || row.minOrders.trim() !== "";
          return (
            <Box
              key={row.rowId}
              borderColor="border"
              borderWidth="025"
              borderRadius="200"
              padding="400"
            >
              <div role="group" aria-labelledby={`rank-${row.rowId}-heading`}>
                <BlockStack gap="300">
                  <InlineStack align="space-between" blockAlign="center">
                    <InlineStack gap="200" blockAlign="center">
                      <span
                        aria-hidden="true"
                        style={{
                          display: "inline-block",
                          width: 14,
                          height: 14,
                          borderRadius: 7,
                          background: COLOR.test(row.color)
                            ? row.color
                            : "transparent",
                          border: "1px solid #8C9196",
                        }}
                      />
                      <Text
                        as="h3"
                        variant="headingSm"
                        id={`rank-${row.rowId}-heading`}
                      >
                        {t("ranks.editor.rank", { position: index + 1 })} ·{" "}
                        {displayName}
                      </Text>
                    </InlineStack>
                    <ButtonGroup>
                      <Button
                        disabled={index === 0}
                        onClick={() => moveRow(index, -1)}
                        accessibilityLabel={t("ranks.editor.moveUp", {
                          name: displayName,
                        })}
                      >
                        ↑
                      </Button>
                      <Button
                        disabled={index === form.ranks.length - 1}
                        onClick={() => moveRow(index, 1)}
                        accessibilityLabel={t("ranks.editor.moveDown", {
                          name: displayName,
                        })}
                      >
                        ↓
                      </Button>
                      <Button
                        tone="critical"
                        disabled={form.ranks.length === 1}
                        onClick={() =>
                          onChange({
                            ...form,
                            ranks: form.ranks.filter((_, at) => at !== index),
                          })
                        }
                      >
                        {t("ranks.editor.remove", { name: displayName })}
                      </Button>
                    </ButtonGroup>
                  </InlineStack>
                  {errorAt(`ranks.${index}`) && (
                    <InlineError
                      message={errorAt(`ranks.${index}`) as string}
                      fieldID={`rank-${row.rowId}-thresholds`}
                    />
                  )}
                  <FormLayout>
                    <FormLayout.Group>
                      <TextField
                        label={t("ranks.editor.nameEn")}
                        value={row.nameEn}
                        onChange={(nameEn) => setRow(index, { nameEn })}
                        error={errorAt(`ranks.${index}.name.en`)}
                        autoComplete="off"
                      />
                      <TextField
                        label={t("ranks.editor.nameJa")}
                        value={row.nameJa}
                        onChange={(nameJa) => setRow(index, { nameJa })}
                        error={errorAt(`ranks.${index}.name.ja`)}
                        autoComplete="off"
                      />
                    </FormLayout.Group>
                    <FormLayout.Group>
                      <TextField
                        label={t("ranks.editor.key")}
                        value={row.key}
                        onChange={(key) => setRow(index, { key })}
                        helpText={t("ranks.editor.keyHelp")}
                        error={errorAt(`ranks.${index}.key`)}
                        autoComplete="off"
                      />
                      <TextField
                        label={t("ranks.editor.color")}
                        value={row.color}
                        onChange={(color) => setRow(index, { color })}
                        helpText={t("ranks.editor.colorHelp")}
                        error={errorAt(`ranks.${index}.color`)}
                        autoComplete="off"
                      />
                    </FormLayout.Group>
                    {index === 0 && (
                      <Text as="p" tone="subdued">
                        {t("ranks.editor.lowest")}
                      </Text>
                    )}
                    {(index > 0 || hasThresholds) && (
                      <FormLayout.Group condensed>
                        <TextField
                          id={`rank-${row.rowId}-thresholds`}
                          label={t("ranks.editor.minNetSpend")}
                          value={row.minNetSpend}
                          onChange={(minNetSpend) =>
                            setRow(index, { minNetSpend })
                          }
                          prefix={symbol}
                          inputMode="decimal"
                          helpText={t("ranks.editor.thresholdHelp")}
                          error={errorAt(`ranks.${index}.minNetSpendMinor`)}
                          autoComplete="off"
                        />
                        <TextField
                          label={t("ranks.editor.minOrders")}
                          value={row.minOrders}
                          onChange={(minOrders) => setRow(index, { minOrders })}
                          inputMode="numeric"
                          helpText={t("ranks.editor.thresholdHelp")}
                          error={errorAt(`ranks.${index}.minOrders`)}
                          autoComplete="off"
                        />
                        <Select
                          label={t("ranks.editor.combine")}
                          value={row.combine}
                          onChange={(combine) =>
                            setRow(index, {
                              combine: combine as RankFormRow["combine"],
                            })
                          }
                          options={(["any", "all"] as const).map((value) => ({
                            value,
                            label: t(`ranks.editor.combineOptions.${value}`),
                          }))}
                          error={errorAt(`ranks.${index}.combine`)}
                        />
                      </FormLayout.Group>
                    )}
                  </FormLayout>
                </BlockStack>
              </div>
            </Box>
          );
        })}
        <InlineStack>
          <Button onClick={addRow}>{t("ranks.editor.add")}</Button>
        </InlineStack>
        <Divider />
        <FormLayout>
          <FormLayout.Group>
            <Select
              label={t("ranks.editor.basis")}
              value={form.basis}
              onChange={(basis) =>
                onChange({ ...form, basis: basis as EditorForm["basis"] })
              }
              options={(["tax_inclusive", "tax_exclusive"] as const).map(
                (value) => ({
                  value,
                  label: t(`ranks.editor.basisOptions.${value}`),
                }),
              )}
            />
            <Select
              label={t("ranks.editor.window")}
              value={form.windowKind}
              onChange={(windowKind) =>
                onChange({
                  ...form,
                  windowKind: windowKind as EditorForm["windowKind"],
                })
              }
              options={(
                ["rolling_months", "calendar_year", "lifetime"] as const
              ).map((value) => ({
                value,
                label: t(`ranks.editor.windowOptions.${value}`),
              }))}
            />
            {form.windowKind === "rolling_months" && (
              <TextField
                label={t("ranks.editor.windowMonths")}
                value={form.windowMonths}
                onChange={(windowMonths) => onChange({ ...form, windowMonths })}
                inputMode="numeric"
                error={errorAt("window.months")}
                autoComplete="off"
              />
            )}
          </FormLayout.Group>
          <TextField
            label={t("ranks.editor.confirmationDelay")}
            value={form.confirmationDelayDays}
            onChange={(confirmationDelayDays) =>
              onChange({ ...form, confirmationDelayDays })
            }
            inputMode="numeric"
            helpText={t("ranks.editor.confirmationDelayHelp")}
            error={errorAt("confirmationDelayDays")}
            autoComplete="off"
          />
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t("ranks.editor.reviewDates")}
            </Text>
            <Text as="p" tone="subdued">
              {t("ranks.editor.reviewDatesHelp")}
            </Text>
            <InlineStack gap="300" blockAlign="end">
              {form.reviewDates.map((monthDay, index) => (
                // Review dates have no identity beyond their position.
                <InlineStack key={index} gap="100" blockAlign="end">
                  <TextField
                    label={t("ranks.editor.reviewDate", {
                      position: index + 1,
                    })}
                    value={monthDay}
                    onChange={(value) =>
                      onChange({
                        ...form,
                        reviewDates: form.reviewDates.map((date, at) =>
                          at === index ? value : date,
                        ),
                      })
                    }
                    placeholder="MM-DD"
                    error={errorAt(`downgradeReviewDates.${index}`)}
                    autoComplete="off"
                  />
                  <Button
                    variant="plain"
                    onClick={() =>
                      onChange({
                        ...form,
                        reviewDates: form.reviewDates.filter(
                          (_, at) => at !== index,
                        ),
                      })
                    }
                    accessibilityLabel={t("ranks.editor.removeReviewDate", {
                      position: index + 1,
                    })}
                  >
                    ×
                  </Button>
                </InlineStack>
              ))}
              <Button
                onClick={() =>
                  onChange({ ...form, reviewDates: [...form.reviewDates, ""] })
                }
              >
                {t("ranks.editor.addReviewDate")}
              </Button>
            </InlineStack>
          </BlockStack>
          <FormLayout.Group>
            <Checkbox
              label={t("ranks.editor.inactivity")}
              checked={form.inactivityEnabled}
              onChange={(inactivityEnabled) =>
                onChange({ ...form, inactivityEnabled })
              }
            />
            {form.inactivityEnabled && (
              <TextField
                label={t("ranks.editor.inactivityMonths")}
                value={form.inactivityMonths}
                onChange={(inactivityMonths) =>
                  onChange({ ...form, inactivityMonths })
                }
                inputMode="numeric"
                error={errorAt("inactivityStepDown.months")}
                autoComplete="off"
              />
            )}
          </FormLayout.Group>
          <Select
            label={t("ranks.editor.refundDowngrade")}
            value={form.refundDowngrade}
            onChange={(refundDowngrade) =>
              onChange({
                ...form,
                refundDowngrade:
                  refundDowngrade as EditorForm["refundDowngrade"],
              })
            }
            options={(["at_next_review", "immediate"] as const).map(
              (value) => ({
                value,
                label: t(`ranks.editor.refundOptions.${value}`),
              }),
            )}
          />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
