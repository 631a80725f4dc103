// Embedded admin shell: every /app page is authenticated, wrapped in Polaris and App Bridge, and
// rendered in the merchant's admin language (app/i18n/i18n.ts).
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError, type ShouldRevalidateFunction } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { useTranslation } from "react-i18next";
import { env } from "../env.server.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import { getPolarisTranslations } from "../i18n/polaris-translations.server.ts";
import { TranslationProvider } from "../i18n/TranslationProvider.tsx";
import { authenticateAdmin } from "../shopify.server.ts";


// Auth responses (bounce page, 401 with the retry header, exit-iframe) carry headers App Bridge
// acts on; boundary.headers keeps them instead of letting Remix pick the leaf route's headers.
export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticateAdmin(request);
  const locale = resolveLocale(new URL(request.url).searchParams.get("locale"));
  return {
    apiKey: env.SHOPIFY_API_KEY,
    appBridgeUrl: env.APP_BRIDGE_URL ?? null,
    locale,
    polarisTranslations: getPolarisTranslations(locale),
  };
}

// Shopify sends `locale` only on document loads; client navigations and revalidations keep the
// data loaded with the document instead of falling back to English.
export const shouldRevalidate: ShouldRevalidateFunction = ({ nextUrl, defaultShouldRevalidate }) =>
  nextUrl.searchParams.has("locale") && defaultShouldRevalidate;

export default function App() {
  const { apiKey, appBridgeUrl, locale, polarisTranslations } = useLoaderData<typeof loader>();
  return (
    <AppProvider
      isEmbeddedApp
      apiKey={apiKey}
      i18n={polarisTranslations}
      {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}
    >
      <TranslationProvider locale={locale}>
        <AppNavigation />
        <Outlet />
      </TranslationProvider>
    </AppProvider>
  );
}

function AppNavigation() {
  const { t } = useTranslation();
  return (
    <NavMenu>
      <Link to="/app" rel="home">
        {t("nav.home")}
      </Link>
      <Link to="/app/segments">{t("nav.segments")}</Link>
      <Link to="/app/ranks">{t("nav.ranks")}</Link>
      <Link to="/app/customers">{t("nav.customers")}</Link>
      <Link to="/app/import">{t("nav.import")}</Link>
      <Link to="/app/settings">{t("nav.settings")}</Link>
    </NavMenu>
  );
}

// Shopify's auth flow throws Responses (the bounce page, exit-iframe) that must reach the browser
// as they are; Remix's default boundary would turn them into an error page inside the admin.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}
