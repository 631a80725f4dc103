// Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core, launched
// as toolchain.md §5 verified, with a user agent that does not say "HeadlessChrome".
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page, type Response } from "playwright-core";
import { BROWSER_USER_AGENT } from "./browser-agent.ts";
import { projectRoot } from "./database.ts";

const CHROMIUM_PATH = "/usr/bin/chromium";
const SCREENSHOTS_DIR = join(projectRoot, "tests/.artifacts/screenshots");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/** A context that looks like a person's Chrome and never leaves loopback. */
export async function newBrowserContext(browser: Browser, options: { locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    userAgent: BROWSER_USER_AGENT,
    locale: options.locale ?? "en-US",
    viewport: { width: 1280, height: 900 },
  });
  // The app's documents carry a `Link: rel=preload` to Shopify's CDN (addDocumentResponseHeaders);
  // offline that is only a slow DNS failure, so every https request is refused at once.
  await context.route(/^https:\/\//, (route) => route.abort("blockedbyclient"));
  return context;
}

export type EmbeddedAdminOptions = {
  appOrigin: string;
  shop: string;
  /** The session token App Bridge would put in the URL; omit it to take the bounce-page path. */
  token?: string;
  locale?: string;
  path?: string;
};

/** The URL Shopify's admin loads in its iframe when a merchant opens the app. */
export function embeddedAdminUrl({ appOrigin, shop, token, locale = "en", path = "/app" }: EmbeddedAdminOptions): string {
  const url = new URL(path, appOrigin);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", Buffer.from(`${shop}/admin`).toString("base64"));
  url.searchParams.set("locale", locale);
  if (token) url.searchParams.set("id_token", token);
  return url.toString();
}

export function openEmbeddedAdmin(page: Page, options: EmbeddedAdminOptions): Promise<Response | null> {
  return page.goto(embeddedAdminUrl(options), { waitUntil: "load" });
}

/**
 * Opens a page of the embedded app as a merchant whose browser speaks `locale`, in a fresh context
 * added to `contexts` for the test to close; fails unless the app answers 200. Answers the page and
 * the errors collected on it (collectPageErrors).
 */
export async function openAdminPage(
  browser: Browser,
  contexts: BrowserContext[],
  options: EmbeddedAdminOptions & { locale: "en" | "ja"; path: string },
): Promise<{ page: Page; errors: string[] }> {
  const context = await newBrowserContext(browser, { locale: options.locale === "ja" ? "ja-JP" : "en-US" });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = collectPageErrors(page);
  const status = (await openEmbeddedAdmin(page, options))?.status();
  if (status !== 200) throw new Error(`${options.path} answered ${status ?? "nothing"}, not 200`);
  return { page, errors };
}

/**
 * Uncaught exceptions and console.error calls on the page; a test expects none unless it says so.
 * The https requests newBrowserContext refuses on purpose are not errors of the page.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().includes("net::ERR_BLOCKED_BY_CLIENT")) errors.push(message.text());
  });
  return errors;
}

const DOCS_SCREENSHOTS_DIR = join(projectRoot, "docs/screenshots");

/**
 * Saves a full-page screenshot under tests/.artifacts/screenshots; with UPDATE_DOCS_SCREENSHOTS=1 also
 * as docs/screenshots/<name>.png when the test names it a documentation screenshot. Documentation
 * screenshots change with the day they were taken, so a plain test run leaves docs/ alone.
 */
export async function saveScreenshot(page: Page, name: string, options: { docs?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (options.docs && process.env.UPDATE_DOCS_SCREENSHOTS === "1") {
    mkdirSync(DOCS_SCREENSHOTS_DIR, { recursive: true });
    copyFileSync(path, join(DOCS_SCREENSHOTS_DIR, `${name}.png`));
  }
  return path;
}
