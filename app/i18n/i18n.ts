// Admin language: Shopify passes the merchant's admin locale ("ja", "ja-JP", "en") as the `locale`
// query parameter on every embedded document load. Kizuna speaks Japanese and English (product.md)
// and falls back to English for every other language.
import { createInstance, type i18n } from "i18next";
import { en, type Messages } from "./locales/en.ts";
import { ja } from "./locales/ja.ts";

export const SUPPORTED_LOCALES = ["en", "ja"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

function isSupportedLocale(language: string): language is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(language);
}

/** Accepts a BCP 47 tag or an Accept-Language header; only the first tag's language counts. */
export function resolveLocale(requested: string | null | undefined): Locale {
  const language = requested?.split(/[,;]/)[0]?.trim().split(/[-_]/)[0]?.toLowerCase() ?? "";
  return isSupportedLocale(language) ? language : DEFAULT_LOCALE;
}

/** One instance per render: the server renders many shops' pages, each in its own language. */
export function createI18n(locale: Locale): i18n {
  const instance = createInstance({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: { en: { translation: en }, ja: { translation: ja } },
    // Resources are bundled, so init can finish before the first render on server and client alike.
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  instance.init();
  return instance;
}

/** Pages outside the admin have no `locale` from Shopify, so the browser's language decides. */
export function resolveRequestLocale(request: Request): Locale {
  return resolveLocale(new URL(request.url).searchParams.get("locale") ?? request.headers.get("accept-language"));
}
