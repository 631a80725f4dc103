// The control API under /__simulator/* (style.md §7.6): the one way tests, the demo and the App
// Bridge stand-in drive the simulator — seed shops, run shop commands (their webhooks follow), mint
// session tokens, inject faults (throttle, fail the next call, duplicate or reorder deliveries) and
// read what happened (calls the app made, webhook deliveries, state counts, the records themselves).
import { mintSessionToken } from "./auth.ts";
import type { DeliveryControls, DuplicateMode } from "./delivery/outbox.ts";
import type { ShopEvent } from "./shop/events.ts";
import * as commands from "./shop/commands.ts";
import { buildDemoShop, DEMO_SHOP_DOMAIN } from "./scenarios/demo-shop.ts";
import { generateShop } from "./shop/generate.ts";
import { createShopState, type CurrencyCode, type ShopState } from "./shop/state.ts";
import { PLAN_LIMITS, type JsonResponse, type ShopPlan, type SimulatorWorld } from "./server.ts";

type Command = (state: ShopState, input: never, now: Date) => { events: ShopEvent[]; result: unknown };

/** The shop commands the control API runs by name. */
const COMMANDS: Readonly<Record<string, Command>> = {
  placeOrder: commands.placeOrder,
  updateOrder: commands.updateOrder,
  markOrderPaid: commands.markOrderPaid,
  cancelOrder: commands.cancelOrder,
  refundOrder: commands.refundOrder,
  createCustomer: commands.createCustomer,
  updateCustomer: commands.updateCustomer,
  changeTags: commands.changeTags,
  deleteCustomer: commands.deleteCustomer,
  updateEmailMarketingConsent: commands.updateEmailMarketingConsent,
  setMetafields: commands.setMetafields,
  createDiscountCode: commands.createDiscountCode,
  uninstallApp: commands.uninstallApp,
  requestCustomerData: commands.requestCustomerData,
  requestCustomerRedact: commands.requestCustomerRedact,
  requestShopRedact: commands.requestShopRedact,
};

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const DUPLICATE_MODES: readonly DuplicateMode[] = ["off", "same-webhook-id", "new-webhook-id"];

function ok(body: unknown): JsonResponse {
  return { status: 200, body };
}

function badRequest(message: string): JsonResponse {
  return { status: 400, body: { error: message } };
}

function notFound(message: string): JsonResponse {
  return { status: 404, body: { error: message } };
}

function readInstant(value: unknown, fallback: Date): Date | null {
  if (value === undefined || value === null) return fallback;
  const at = new Date(String(value));
  return Number.isNaN(at.getTime()) ? null : at;
}

function seedShop(world: SimulatorWorld, body: Record<string, unknown>): JsonResponse {
  const domain = String(body.shop ?? "");
  if (!SHOP_DOMAIN.test(domain)) return badRequest("shop must be a <name>.myshopify.com domain");
  const plan = (body.plan ?? "standard") as ShopPlan;
  if (!(plan in PLAN_LIMITS)) return badRequest(`plan must be one of ${Object.keys(PLAN_LIMITS).join(", ")}`);
  const now = readInstant(body.now, world.now());
  if (!now) return badRequest("now must be an ISO instant");
  const currencyCode = (body.currencyCode ?? "JPY") as CurrencyCode;
  const ianaTimezone = String(body.ianaTimezone ?? (currencyCode === "JPY" ? "Asia/Tokyo" : "America/New_York"));
  const name = String(body.name ?? domain.replace(".myshopify.com", ""));
  const customers = Number(body.customers ?? 0);
  const seed = Number(body.seed ?? 1);
  let state: ShopState;
  if (customers === 0) state = createShopState({ domain, name, currencyCode, ianaTimezone }, now);
  else if (domain === DEMO_SHOP_DOMAIN && body.name === undefined) state = buildDemoShop({ now, customers, seed });
  else state = generateShop({ domain, name, customers, seed, now, currencyCode, ianaTimezone });
  const withheldScopes = body.withheldScopes ?? [];
  if (!Array.isArray(withheldScopes) || !withheldScopes.every((scope) => typeof scope === "string")) {
    return badRequest("withheldScopes must be a list of scope handles");
  }
  world.addShop(state, { plan, authorized: body.authorized === true, withheldScopes });
  return ok(summarizeShop(world, domain));
}

function summarizeShop(world: SimulatorWorld, domain: string) {
  const shop = world.shops.get(domain)!;
  const { state } = shop;
  let refunds = 0;
  let lineItems = 0;
  for (const order of state.orders.values()) {
    refunds += order.refunds.length;
    lineItems += order.lineItems.length;
  }
  let metafields = 0;
  for (const owned of state.metafields.values()) metafields += owned.size;
  return {
    shop: domain,
    appInstalled: state.shop.appInstalled,
    authorized: shop.authorized,
    customers: state.customers.size,
    orders: state.orders.size,
    lineItems,
    refunds,
    metafields,
    metafieldDefinitions: shop.metafieldDefinitions.length,
    bulkOperations: state.bulkOperations.size,
    accessScopes: shop.accessScopes,
  };
}

function runCommand(world: SimulatorWorld, domain: string, body: Record<string, unknown>): JsonResponse {
  const shop = world.shops.get(domain)!;
  const name = String(body.command ?? "");
  const command = COMMANDS[name];
  if (!command) return badRequest(`unknown command ${name}; known: ${Object.keys(COMMANDS).join(", ")}`);
  const at = readInstant(body.at, world.now());
  if (!at) return badRequest("at must be an ISO instant");
  try {
    const { events, result } = command(shop.state, (body.input ?? {}) as never, at);
    if (name === "uninstallApp") world.tokens.revokeShop(domain);
    world.emit(domain, events);
    return ok({ result, events: events.map((event) => event.type) });
  } catch (error) {
    if (!(error instanceof commands.ShopCommandError)) throw error;
    return { status: 422, body: { error: error.message, code: error.code, field: error.field } };
  }
}

function configureThrottle(world: SimulatorWorld, body: Record<string, unknown>): JsonResponse {
  const shop = world.shops.get(String(body.shop ?? ""));
  if (!shop) return notFound("unknown shop");
  const settings: { maximumAvailable?: number; restoreRate?: number; currentlyAvailable?: number } = {};
  for (const key of ["maximumAvailable", "restoreRate", "currentlyAvailable"] as const) {
    if (body[key] === undefined) continue;
    const value = Number(body[key]);
    if (!Number.isFinite(value) || value < 0) return badRequest(`${key} must be a number ≥ 0`);
    settings[key] = value;
  }
  shop.bucket.configure(settings, world.now());
  return ok(shop.bucket.status(world.now()));
}

function injectFailure(world: SimulatorWorld, body: Record<string, unknown>): JsonResponse {
  const shop = world.shops.get(String(body.shop ?? ""));
  if (!shop) return notFound("unknown shop");
  const count = Number(body.count ?? 1);
  for (let index = 0; index < count; index += 1) {
    if (typeof body.status === "number") shop.failures.push({ status: body.status });
    else if (typeof body.graphqlError === "string") {
      shop.failures.push({
        graphqlError: body.graphqlError,
        message: String(body.message ?? "Internal error. Looks like something went wrong on our end."),
      });
    } else return badRequest("give status (an HTTP status) or graphqlError (an error code)");
  }
  return ok({ pending: shop.failures.length });
}

function configureDeliveries(world: SimulatorWorld, body: Record<string, unknown>): JsonResponse {
  const controls: DeliveryControls = {};
  if (body.paused !== undefined) controls.paused = body.paused === true;
  if (body.reorder !== undefined) {
    if (body.reorder !== "reverse" && body.reorder !== true) return badRequest('reorder must be "reverse"');
    controls.reorder = "reverse";
  }
  if (body.duplicate !== undefined) {
    const mode = body.duplicate === true ? "new-webhook-id" : body.duplicate === false ? "off" : body.duplicate;
    if (!DUPLICATE_MODES.includes(mode as DuplicateMode)) return badRequest(`duplicate must be one of ${DUPLICATE_MODES.join(", ")}`);
    controls.duplicate = mode as DuplicateMode;
  }
  if (body.delayMs !== undefined) controls.delayMs = Number(body.delayMs);
  world.outbox.configure(controls);
  return ok({ configured: controls });
}

export async function handleControlRequest(world: SimulatorWorld, method: string, url: URL, body: Record<string, unknown> | null): Promise<JsonResponse> {
  const path = url.pathname.replace(/^\/__simulator/, "");
  if (method === "POST" && body === null) return badRequest("the body must be a JSON object");
  const payload = body ?? {};
  const shopMatch = /^\/shops\/([^/]+)\/(session-token|commands|state|records)$/.exec(path);
  if (shopMatch) {
    const domain = decodeURIComponent(shopMatch[1]!);
    if (!world.shops.has(domain)) return notFound(`unknown shop ${domain}`);
    const action = shopMatch[2];
    if (method === "GET" && action === "session-token") {
      return ok({ token: mintSessionToken({ shop: domain, apiKey: world.options.apiKey, apiSecret: world.options.apiSecret, now: world.now() }) });
    }
    if (method === "POST" && action === "commands") return runCommand(world, domain, payload);
    if (method === "GET" && action === "state") return ok(summarizeShop(world, domain));
    if (method === "GET" && action === "records") {
      const { state, metafieldDefinitions } = world.shops.get(domain)!;
      return ok({
        shop: state.shop,
        customers: [...state.customers.values()],
        orders: [...state.orders.values()],
        metafields: [...state.metafields.values()].flatMap((owned) => [...owned.values()]),
        metafieldDefinitions,
      });
    }
  }
  const shopFilter = url.searchParams.get("shop") ?? undefined;
  const route = `${method} ${path}`;
  if (route === "POST /shops") return seedShop(world, payload);
  if (route === "POST /throttle") return configureThrottle(world, payload);
  if (route === "POST /fail-next") return injectFailure(world, payload);
  if (route === "POST /deliveries") return configureDeliveries(world, payload);
  if (route === "POST /bulk-operations") {
    const domain = String(payload.shop ?? "");
    if (!world.shops.has(domain)) return notFound("unknown shop");
    if (typeof payload.held !== "boolean") return badRequest("held must be true or false");
    world.bulk.hold(domain, payload.held);
    return ok({ shop: domain, held: payload.held });
  }
  if (route === "POST /deliveries/flush") {
    // A running bulk operation ends in a bulk_operations/finish webhook, so it is part of what to flush.
    if (world.bulk.isHolding()) return { status: 409, body: { error: "Bulk operations are held; release them before flushing." } };
    await world.bulk.settle();
    try {
      await world.outbox.flush();
    } catch (error) {
      return { status: 409, body: { error: (error as Error).message } };
    }
    return ok({ pending: 0 });
  }
  if (route === "GET /calls") return ok({ calls: world.calls.filter((call) => shopFilter === undefined || call.shop === shopFilter) });
  if (route === "GET /webhooks") return ok({ deliveries: world.outbox.list(shopFilter) });
  if (route === "POST /reset") {
    await world.reset();
    return ok({ reset: true });
  }
  return notFound(`no control route ${route}`);
}
