// Polaris ships its own component strings per language; only the admin's one is sent to the page.
import type { AppProviderProps } from "@shopify/polaris";
import polarisEn from "@shopify/polaris/locales/en.json" with { type: "json" };
import polarisJa from "@shopify/polaris/locales/ja.json" with { type: "json" };
import type { Locale } from "./i18n.ts";

export type PolarisTranslations = AppProviderProps["i18n"];

const POLARIS_TRANSLATIONS: Record<Locale, PolarisTranslations> = { en: polarisEn, ja: polarisJa };

export function getPolarisTranslations(locale: Locale): PolarisTranslations {
  return POLARIS_TRANSLATIONS[locale];
}
