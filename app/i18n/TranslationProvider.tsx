// Gives every component below it `useTranslation()` in the page's locale.
import { useMemo, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { createI18n, type Locale } from "./i18n.ts";

export function TranslationProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}
