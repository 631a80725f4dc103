// Shop-domain login outside the admin; `login` redirects to Shopify or returns the input errors.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { LoginForm } from "../../components/LoginForm.tsx";
import { PublicPage } from "../../components/PublicPage.tsx";
import { resolveRequestLocale } from "../../i18n/i18n.ts";
import { getPolarisTranslations } from "../../i18n/polaris-translations.server.ts";
import { login } from "../../shopify.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const errors = await login(request);
  const locale = resolveRequestLocale(request);
  return { errors, locale, polarisTranslations: getPolarisTranslations(locale) };
}

export async function action({ request }: ActionFunctionArgs) {
  return { errors: await login(request) };
}

export default function Login() {
  const { errors, locale, polarisTranslations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <PublicPage locale={locale} polarisTranslations={polarisTranslations}>
      <LoginForm errors={actionData?.errors ?? errors} />
    </PublicPage>
  );
}
