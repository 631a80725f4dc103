// HTTP access to the embedded admin's pages as App Bridge makes it: a session token minted with the
// app's secret in the Authorization header, Remix data requests (`?_data=<route id>`) for loaders and
// form posts for actions; plus installing a simulated shop and waiting for its first analytics.
import { mintSessionToken } from "../simulator/auth.ts";
import type { RunningApp } from "./app.ts";
import { BROWSER_USER_AGENT } from "./browser-agent.ts";

export const ROUTES = {
  home: "routes/app._index",
  segments: "routes/app.segments._index",
  segment: "routes/app.segments.$segment",
  customers: "routes/app.customers._index",
  customer: "routes/app.customers.$customerId",
  ranks: "routes/app.ranks",
} as const;

export class AdminPages {
  readonly app: RunningApp;

  constructor(app: RunningApp) {
    this.app = app;
  }

  headers(shop: string, userId = "1"): Record<string, string> {
    return { Authorization: `Bearer ${mintSessionToken({ shop, apiKey: this.app.apiKey, apiSecret: this.app.apiSecret, userId })}`, "User-Agent": BROWSER_USER_AGENT };
  }

  /** Opens the app as Shopify admin does on install: the first load exchanges the token and records the shop. */
  async install(shop: string): Promise<void> {
    const host = Buffer.from(`${shop}/admin`).toString("base64url");
    const token = mintSessionToken({ shop, apiKey: this.app.apiKey, apiSecret: this.app.apiSecret });
    const response = await fetch(`${this.app.origin}/app?embedded=1&shop=${shop}&host=${host}&locale=en&id_token=${token}`, { headers: { "User-Agent": BROWSER_USER_AGENT } });
    if (response.status !== 200) throw new Error(`installing ${shop} answered ${response.status}`);
  }

  /** The raw response of a loader's data request. */
  request(shop: string, path: string, routeId: string): Promise<Response> {
    const separator = path.includes("?") ? "&" : "?";
    return fetch(`${this.app.origin}${path}${separator}_data=${encodeURIComponent(routeId)}`, { headers: this.headers(shop), redirect: "manual" });
  }

  async data<T>(shop: string, path: string, routeId: string): Promise<T> {
    const response = await this.request(shop, path, routeId);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Posts a form to a route's action as its page does; `userId` is the staff account's. */
  post(shop: string, path: string, routeId: string, fields: Record<string, string>, userId = "1"): Promise<Response> {
    const separator = path.includes("?") ? "&" : "?";
    return fetch(`${this.app.origin}${path}${separator}_data=${encodeURIComponent(routeId)}`, {
      method: "POST",
      headers: this.headers(shop, userId),
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
  }

  /** Waits until the shop's first full recompute has written its KPIs, as Home shows them. */
  async waitForAnalytics(shop: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const home = await this.data<{ dashboard: { status: string } }>(shop, "/app", ROUTES.home);
      if (home.dashboard.status === "ready") return;
      if (Date.now() > deadline) throw new Error(`analytics of ${shop} not ready after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
