// Typed client of the simulator's control API (/__simulator/*, docs/simulator.md): the one way tests
// and the demo seed shops, run shop commands, inject faults and read calls and deliveries.
import type { DeliveryControls, DeliveryRecord } from "../simulator/delivery/outbox.ts";
import type { ThrottleStatus } from "../simulator/admin/cost.ts";
import type * as commands from "../simulator/shop/commands.ts";
import type { MetafieldDefinitionRecord } from "../simulator/admin/resolvers.ts";
import type { CurrencyCode, SimCustomer, SimMetafield, SimOrder, SimShop } from "../simulator/shop/state.ts";
import type { CallRecord, ShopPlan } from "../simulator/server.ts";

export type SeedShopInput = {
  shop: string;
  /** 0 (an empty shop) or 100–200,000 generated customers with two years of orders. */
  customers?: number;
  seed?: number;
  plan?: ShopPlan;
  currencyCode?: CurrencyCode;
  ianaTimezone?: string;
  name?: string;
  /** The end of generated history; the simulator's clock by default. */
  now?: string;
  /** Treat the app as already authorized on this shop (webhooks flow without a token exchange). */
  authorized?: boolean;
  /** Scopes of shopify.app.toml this shop does not grant, e.g. read_all_orders not approved for the app. */
  withheldScopes?: string[];
};

export type ShopSummary = {
  shop: string;
  appInstalled: boolean;
  authorized: boolean;
  customers: number;
  orders: number;
  lineItems: number;
  refunds: number;
  metafields: number;
  metafieldDefinitions: number;
  bulkOperations: number;
  accessScopes: string[];
};

type CommandInputs = {
  placeOrder: Parameters<typeof commands.placeOrder>[1];
  updateOrder: Parameters<typeof commands.updateOrder>[1];
  markOrderPaid: Parameters<typeof commands.markOrderPaid>[1];
  cancelOrder: Parameters<typeof commands.cancelOrder>[1];
  refundOrder: Parameters<typeof commands.refundOrder>[1];
  createCustomer: Parameters<typeof commands.createCustomer>[1];
  updateCustomer: Parameters<typeof commands.updateCustomer>[1];
  changeTags: Parameters<typeof commands.changeTags>[1];
  deleteCustomer: Parameters<typeof commands.deleteCustomer>[1];
  updateEmailMarketingConsent: Parameters<typeof commands.updateEmailMarketingConsent>[1];
  setMetafields: Parameters<typeof commands.setMetafields>[1];
  createDiscountCode: Parameters<typeof commands.createDiscountCode>[1];
  uninstallApp: Parameters<typeof commands.uninstallApp>[1];
  requestCustomerData: Parameters<typeof commands.requestCustomerData>[1];
  requestCustomerRedact: Parameters<typeof commands.requestCustomerRedact>[1];
  requestShopRedact: Parameters<typeof commands.requestShopRedact>[1];
};

type CommandResults = {
  placeOrder: ReturnType<typeof commands.placeOrder>["result"];
  updateOrder: ReturnType<typeof commands.updateOrder>["result"];
  markOrderPaid: ReturnType<typeof commands.markOrderPaid>["result"];
  cancelOrder: ReturnType<typeof commands.cancelOrder>["result"];
  refundOrder: ReturnType<typeof commands.refundOrder>["result"];
  createCustomer: ReturnType<typeof commands.createCustomer>["result"];
  updateCustomer: ReturnType<typeof commands.updateCustomer>["result"];
  changeTags: ReturnType<typeof commands.changeTags>["result"];
  deleteCustomer: ReturnType<typeof commands.deleteCustomer>["result"];
  updateEmailMarketingConsent: ReturnType<typeof commands.updateEmailMarketingConsent>["result"];
  setMetafields: ReturnType<typeof commands.setMetafields>["result"];
  createDiscountCode: ReturnType<typeof commands.createDiscountCode>["result"];
  uninstallApp: ReturnType<typeof commands.uninstallApp>["result"];
  requestCustomerData: ReturnType<typeof commands.requestCustomerData>["result"];
  requestCustomerRedact: ReturnType<typeof commands.requestCustomerRedact>["result"];
  requestShopRedact: ReturnType<typeof commands.requestShopRedact>["result"];
};

export type ShopCommandName = keyof CommandInputs;

export type FailNextInput = { shop: string; count?: number } & ({ status: number } | { graphqlError: string; message?: string });

/** A control request the simulator refused (bad input, unknown shop, a rejected shop command). */
export class SimulatorRequestError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown, route: string) {
    super(`simulator ${route} answered ${status}: ${JSON.stringify(body)}`);
    this.name = "SimulatorRequestError";
    this.status = status;
    this.body = body;
  }
}

export class SimulatorClient {
  readonly origin: string;

  constructor(origin: string) {
    this.origin = origin.replace(/\/$/, "");
  }

  seedShop(input: SeedShopInput): Promise<ShopSummary> {
    return this.request("POST", "/shops", input);
  }

  async sessionToken(shop: string): Promise<string> {
    const { token } = await this.request<{ token: string }>("GET", `/shops/${shop}/session-token`);
    return token;
  }

  /** Runs a shop command (its webhooks follow); `at` places it at another instant of the simulator's clock. */
  runCommand<K extends ShopCommandName>(
    shop: string,
    command: K,
    input: CommandInputs[K],
    at?: string,
  ): Promise<{ result: CommandResults[K]; events: string[] }> {
    return this.request("POST", `/shops/${shop}/commands`, { command, input, ...(at ? { at } : {}) });
  }

  shopState(shop: string): Promise<ShopSummary> {
    return this.request("GET", `/shops/${shop}/state`);
  }

  /**
   * Every customer, order and metafield of the shop as the simulator holds them, and the metafield
   * definitions with their access: the truth to compare an import or a sync with.
   */
  shopRecords(shop: string): Promise<{ shop: SimShop; customers: SimCustomer[]; orders: SimOrder[]; metafields: SimMetafield[]; metafieldDefinitions: MetafieldDefinitionRecord[] }> {
    return this.request("GET", `/shops/${shop}/records`);
  }

  setThrottle(input: { shop: string } & Partial<ThrottleStatus>): Promise<ThrottleStatus> {
    return this.request("POST", "/throttle", input);
  }

  failNext(input: FailNextInput): Promise<{ pending: number }> {
    return this.request("POST", "/fail-next", input);
  }

  /** Holds the shop's bulk operations RUNNING (no further progress) until released with `held: false`. */
  holdBulkOperations(shop: string, held: boolean): Promise<{ shop: string; held: boolean }> {
    return this.request("POST", "/bulk-operations", { shop, held });
  }

  configureDeliveries(controls: DeliveryControls): Promise<{ configured: DeliveryControls }> {
    return this.request("POST", "/deliveries", controls);
  }

  /** Sends every waiting webhook now (retries included, without backoff) and waits for running bulk operations. */
  async flushDeliveries(): Promise<void> {
    await this.request("POST", "/deliveries/flush", {});
  }

  async calls(shop?: string): Promise<CallRecord[]> {
    const { calls } = await this.request<{ calls: CallRecord[] }>("GET", `/calls${shop ? `?shop=${encodeURIComponent(shop)}` : ""}`);
    return calls;
  }

  async webhooks(shop?: string): Promise<DeliveryRecord[]> {
    const { deliveries } = await this.request<{ deliveries: DeliveryRecord[] }>("GET", `/webhooks${shop ? `?shop=${encodeURIComponent(shop)}` : ""}`);
    return deliveries;
  }

  async reset(): Promise<void> {
    await this.request("POST", "/reset", {});
  }

  private async request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}/__simulator${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    });
    const parsed: unknown = await response.json();
    if (!response.ok) throw new SimulatorRequestError(response.status, parsed, `${method} ${path}`);
    return parsed as T;
  }
}
