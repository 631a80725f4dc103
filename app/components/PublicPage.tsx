// Frame for the pages a merchant sees outside the Shopify admin (landing, login): Polaris without
// App Bridge, in the browser's language.
import type { ReactNode } from "react";
import { AppProvider } from "@shopify/polaris";
import type { Locale } from "../i18n/i18n.ts";
import type { PolarisTranslations } from "../i18n/polaris-translations.server.ts";
import { TranslationProvider } from "../i18n/TranslationProvider.tsx";

type PublicPageProps = { locale: Locale; polarisTranslations: PolarisTranslations; children: ReactNode };

export function PublicPage({ locale, polarisTranslations, children }: PublicPageProps) {
  return (
    <AppProvider i18n={polarisTranslations}>
      <TranslationProvider locale={locale}>{children}</TranslationProvider>
    </AppProvider>
  );
}
