// A customer's profile: purchases, RFM and segment, rank with its gaps and the manual rank, the rank
// history with the reason and rules version of each change, predictions with their explanation, and
// the newest orders. The path names the customer by customer-path.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Banner, Layout, Page } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { customerIdOf, nameCustomer } from "../components/analytics-labels.ts";
import { CustomerOrdersCard } from "../components/CustomerOrdersCard.tsx";
import { CustomerPurchasesCard } from "../components/CustomerPurchasesCard.tsx";
import {
  CustomerRankCard,
  OVERRIDE_INTENTS,
} from "../components/CustomerRankCard.tsx";
import { CustomerRfmCard } from "../components/CustomerRfmCard.tsx";
import { PredictionCard } from "../components/PredictionCard.tsx";
import { RankHistoryCard } from "../components/RankHistoryCard.tsx";
import { fromCustomerPathId } from "../domain/customer-path.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import {
  changeRankOverride,
  getCustomerProfile,
} from "../services/customer-profile.server.ts";
import { authenticateAdmin } from "../shopify.server.ts";

function customerGidOf(params: LoaderFunctionArgs["params"]): string {
  const customerGid = fromCustomerPathId(params.customerId ?? "");
  if (customerGid === null)
    throw new Response("Unknown customer", { status: 404 });
  return customerGid;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticateAdmin(request);
  const profile = await getCustomerProfile(session.shop, customerGidOf(params));
  if (profile === null) throw new Response("Unknown customer", { status: 404 });
  return profile;
}

const overrideRequest = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal(OVERRIDE_INTENTS.set),
    rankKey: z.string().min(1).max(100),
    reason: z.string().max(2000),
  }),
  z.object({ intent: z.literal(OVERRIDE_INTENTS.remove) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticateAdmin(request);
  const customerGid = customerGidOf(params);
  const parsed = overrideRequest.safeParse(
    Object.fromEntries(await request.formData()),
  );
  if (!parsed.success)
    throw new Response(
      "Send intent setOverride (with rankKey and reason) or removeOverride.",
      { status: 400 },
    );
  const input = parsed.data;
  // The staff account's Shopify user id, never a customer's data, says who set the rank.
  const staffId = String(sessionToken?.sub ?? "unknown");
  return changeRankOverride(
    session.shop,
    customerGid,
    input.intent === OVERRIDE_INTENTS.set
      ? { kind: "set", rankKey: input.rankKey, reason: input.reason }
      : { kind: "remove" },
    staffId,
    new Date(),
  );
}

export default function CustomerProfilePage() {
  const profile = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const title =
    (profile.contact && nameCustomer(profile.contact, locale)) ??
    t("customers.profile.unnamed", { id: customerIdOf(profile.customerGid) });
  return (
    <Page
      title={title}
      subtitle={profile.contact?.email ?? undefined}
      backAction={{
        content: t("customers.profile.back"),
        url: "/app/customers",
      }}
    >
      <Layout>
        {profile.contact === null && (
          <Layout.Section>
            <Banner tone="info">{t("customers.profile.noContact")}</Banner>
          </Layout.Section>
        )}
        {profile.analytics === null ? (
          <Layout.Section>
            <Banner tone="info">{t("customers.profile.noAnalytics")}</Banner>
          </Layout.Section>
        ) : (
          <>
            <Layout.Section variant="oneHalf">
              <CustomerPurchasesCard
                analytics={profile.analytics}
                currencyCode={profile.currencyCode}
              />
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <CustomerRfmCard analytics={profile.analytics} />
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <CustomerRankCard
                key={`${profile.analytics.rankKey}-${profile.analytics.overrideRankKey ?? ""}`}
                profile={profile}
                outcome={outcome}
              />
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <PredictionCard
                prediction={profile.prediction}
                currencyCode={profile.currencyCode}
              />
            </Layout.Section>
            <Layout.Section>
              <RankHistoryCard profile={profile} />
            </Layout.Section>
          </>
        )}
        <Layout.Section>
          <CustomerOrdersCard profile={profile} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
