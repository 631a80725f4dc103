// Ranks: how many customers hold each rank, the rank editor with its preview (who moves up or down)
// before saving, the re-ranking after a save, and the versions of the rules.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { nameRank, rankLabelsByKey } from "../components/analytics-labels.ts";
import { RankBadge } from "../components/RankBadge.tsx";
import { RankEditorCard, toEditorForm } from "../components/RankEditorCard.tsx";
import { RankPreviewCard } from "../components/RankPreviewCard.tsx";
import { RankVersionsCard } from "../components/RankVersionsCard.tsx";
import {
  toRankForm,
  toRankPolicyInput,
} from "../domain/analytics/ranks/rank-policy-form.ts";
import type { RankPolicy } from "../domain/analytics/ranks/rank-policy.ts";
import { formatCount, formatMoney } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import {
  getRanksPage,
  previewRankPolicy,
  saveRankPolicyDraft,
} from "../services/ranks-page.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

/** How often the page reloads while customers are being re-ranked. */
const REFRESH_WHILE_RERANKING_MS = 2000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  return getRanksPage(session.shop, new Date());
}

const editorRequest = z.object({
  intent: z.enum(["preview", "save"]),
  draft: z
    .string()
    .max(200_000)
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: "draft is not JSON" });
        return z.NEVER;
      }
    }),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  const parsed = editorRequest.safeParse(
    Object.fromEntries(await request.formData()),
  );
  if (!parsed.success)
    throw new Response("Send intent (preview or save) and the draft as JSON.", {
      status: 400,
    });
  const { intent, draft } = parsed.data;
  return intent === "preview"
    ? previewRankPolicy(session.shop, draft, new Date())
    : saveRankPolicyDraft(session.shop, draft, new Date());
}

function toPolicyForm(policy: RankPolicy, currencyCode: string) {
  return toEditorForm(toRankForm(policy, currencyCode));
}

export default function Ranks() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const fetcher = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const [form, setForm] = useState(() =>
    toPolicyForm(page.active.policy, page.currencyCode),
  );
  const [seededVersion, setSeededVersion] = useState(page.active.version);
  const [submittedDraft, setSubmittedDraft] = useState<string | null>(null);
  const labelOf = rankLabelsByKey(
    [...page.active.policy.ranks].map((rank) => ({
      rankKey: rank.key,
      name: rank.name,
      color: rank.color,
    })),
  );
  const nameRankKey = (rankKey: string) => {
    const draftRow = form.ranks.find((row) => row.key === rankKey);
    if (draftRow)
      return (locale === "ja" ? draftRow.nameJa : draftRow.nameEn) || rankKey;
    return nameRank(labelOf(rankKey), rankKey, locale);
  };

  // A saved version becomes the editor's starting point.
  if (page.active.version !== seededVersion) {
    setSeededVersion(page.active.version);
    setForm(toPolicyForm(page.active.policy, page.currencyCode));
  }

  const reranking =
    page.reranking === "pending" || page.reranking === "running";
  useEffect(() => {
    if (!reranking) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_WHILE_RERANKING_MS);
    return () => clearInterval(timer);
  }, [reranking, revalidator]);

  const draft = JSON.stringify(toRankPolicyInput(form, page.currencyCode));
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const previewed =
    result?.intent === "preview" && result.ok && submittedDraft === draft
      ? result.preview
      : null;
  const problems = result && !result.ok ? result.errors : null;
  const submit = (intent: "preview" | "save") => {
    setSubmittedDraft(draft);
    fetcher.submit({ intent, draft }, { method: "post" });
  };
  const busy =
    fetcher.state !== "idle" ? fetcher.formData?.get("intent") : null;
  const nextVersion = page.versions[0] ? page.versions[0].version + 1 : 1;

  return (
    <Page title={t("ranks.title")}>
      <Layout>
        {page.reranking !== null && page.reranking !== "done" && (
          <Layout.Section>
            <Banner tone={page.reranking === "failed" ? "warning" : "info"}>
              {t(`ranks.reranking.${page.reranking}`, {
                version: page.active.version,
              })}
            </Banner>
          </Layout.Section>
        )}
        {result?.intent === "save" && result.ok && (
          <Layout.Section>
            <Banner tone="success">
              {t("ranks.saved", { version: result.version })}
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("ranks.now.heading")}
              </Text>
              <DataTable
                columnContentTypes={["text", "numeric", "numeric"]}
                headings={[
                  t("ranks.now.rank"),
                  t("ranks.now.customers"),
                  t("ranks.now.netSpend"),
                ]}
                rows={page.counts.map((count) => [
                  <RankBadge
                    key={count.rankKey}
                    label={labelOf(count.rankKey)}
                    rankKey={count.rankKey}
                  />,
                  formatCount(count.customerCount, locale),
                  formatMoney(count.netSpendMinor, page.currencyCode, locale),
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <RankEditorCard
            form={form}
            onChange={setForm}
            currencyCode={page.currencyCode}
            problems={problems}
            nameRankKey={nameRankKey}
          />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <InlineStack align="space-between" blockAlign="center" gap="300">
              <Text as="p" tone="subdued">
                {previewed ? "" : t("ranks.actions.previewFirst")}
              </Text>
              <InlineStack gap="200">
                <Button
                  onClick={() =>
                    setForm(toPolicyForm(page.active.policy, page.currencyCode))
                  }
                >
                  {t("ranks.actions.discard")}
                </Button>
                <Button
                  variant={previewed ? "secondary" : "primary"}
                  onClick={() => submit("preview")}
                  loading={busy === "preview"}
                >
                  {t("ranks.actions.preview")}
                </Button>
                <Button
                  variant="primary"
                  disabled={previewed === null}
                  onClick={() => submit("save")}
                  loading={busy === "save"}
                >
                  {t("ranks.actions.save", { version: nextVersion })}
                </Button>
              </InlineStack>
            </InlineStack>
          </Card>
        </Layout.Section>
        {previewed && (
          <Layout.Section>
            <RankPreviewCard preview={previewed} nameRankKey={nameRankKey} />
          </Layout.Section>
        )}
        <Layout.Section>
          <RankVersionsCard
            page={page}
            timeZone={page.timeZone}
            onCopy={(policy) =>
              setForm(toPolicyForm(policy, page.currencyCode))
            }
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
