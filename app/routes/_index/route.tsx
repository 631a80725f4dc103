// Landing page: Shopify opens the app URL with `shop` (and `host`) when a merchant installs or
// opens Kizuna; anyone else gets the shop-domain login form.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LoginForm } from "../../components/LoginForm.tsx";
import { PublicPage } from "../../components/PublicPage.tsx";
import { resolveRequestLocale } from "../../i18n/i18n.ts";
import { getPolarisTranslations } from "../../i18n/polaris-translations.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  const locale = resolveRequestLocale(request);
  return { locale, polarisTranslations: getPolarisTranslations(locale) };
}

export default function Landing() {
  const { locale, polarisTranslations } = useLoaderData<typeof loader>();
  return (
    <PublicPage locale={locale} polarisTranslations={polarisTranslations}>
      <LoginForm errors={{}} action="/auth/login" />
    </PublicPage>
  );
}
