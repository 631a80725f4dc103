// Document shell for every page. Polaris' CSS is the only stylesheet, served from the app itself:
// no web fonts or CDN links, so pages render the same offline (system fonts).
import type { LinksFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { DEFAULT_LOCALE } from "./i18n/i18n.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

/** The language the deepest page loader chose (admin locale or browser language). */
function useDocumentLanguage(): string {
  const matches = useMatches();
  for (const match of [...matches].reverse()) {
    const data = match.data as { locale?: unknown } | undefined;
    if (typeof data?.locale === "string") return data.locale;
  }
  return DEFAULT_LOCALE;
}

export default function App() {
  return (
    <html lang={useDocumentLanguage()}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
