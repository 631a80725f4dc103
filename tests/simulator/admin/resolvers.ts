// Admin GraphQL resolvers over the simulated shop (style.md §7.6.1): reads build views of ShopState,
// writes go through the shop's commands so that webhooks follow writes. Views are plain objects whose
// function-valued fields graphql-js calls with the field's arguments; bulk.ts walks the same views.
import { buildSchema, type GraphQLSchema } from "graphql";
import { readFileSync } from "node:fs";
import type { ShopEvent } from "../shop/events.ts";
import {
  currentTotalOf,
  formatMinorAsDecimal,
  numericIdOf,
  refundedQuantityOf,
  refundedTotalOf,
  summarizeCustomerPurchases,
  toIsoInstant,
  type CurrencyCode,
  type MoneyPair,
  type ShopState,
  type SimBulkOperation,
  type SimCustomer,
  type SimLineItem,
  type SimMetafield,
  type SimOrder,
  type SimRefund,
} from "../shop/state.ts";
import { paginate, type PageArguments, type ReadMode } from "./connection.ts";
import { createMutationResolvers } from "./mutations.ts";
import { matchesInstant, matchesNumericId, parseSearchQuery } from "./search-query.ts";

export const adminSchema: GraphQLSchema = buildSchema(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));

/** Who may read and write the definition's metafields (MetafieldAccess). */
export type MetafieldAccessRecord = { admin: string; storefront: string; customerAccount: string };

export type MetafieldDefinitionRecord = {
  id: string;
  name: string;
  namespace: string;
  key: string;
  type: string;
  description: string | null;
  ownerType: string;
  access: MetafieldAccessRecord;
};

export type BulkRunResult = { bulkOperation: SimBulkOperation | null; userErrors: { field: string[] | null; message: string; code: string }[] };

/** What a resolver may touch: the shop, the app's identity, and the shell's side effects. */
export type AdminContext = ReadMode & {
  state: ShopState;
  /** The numeric app id Shopify puts in resolved `$app` namespaces (`app--<appId>--…`). */
  appId: number;
  accessScopes: readonly string[];
  metafieldDefinitions: MetafieldDefinitionRecord[];
  now: Date;
  /** Hands events from a write to the webhook outbox. */
  emit: (events: readonly ShopEvent[]) => void;
  startBulkQuery: (query: string, groupObjects: boolean) => BulkRunResult;
  cancelBulkOperation: (id: string) => BulkRunResult;
};

export type View = Record<string, unknown> & { __typename: string };

/** Resolves the reserved `$app` prefix the way Shopify stores it: `$app:rank` → `app--<appId>--rank`. */
export function resolveNamespace(namespace: string | null | undefined, appId: number): string {
  const given = namespace ?? "$app";
  if (given === "$app") return `app--${appId}`;
  if (given.startsWith("$app:")) return `app--${appId}--${given.slice("$app:".length)}`;
  return given;
}

/** A namespace reserved to this app (`app--<appId>` and `app--<appId>--…`): only it may set admin access. */
export function isAppNamespace(namespace: string, appId: number): boolean {
  return namespace === `app--${appId}` || namespace.startsWith(`app--${appId}--`);
}

function gidKindOf(gid: string): string {
  return /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(gid)?.[1] ?? "";
}

function legacyIdOf(gid: string): string {
  return String(numericIdOf(gid));
}

const OWNER_TYPE_BY_KIND: Readonly<Record<string, string>> = {
  Customer: "CUSTOMER",
  Order: "ORDER",
  AppInstallation: "APP_INSTALLATION",
  Shop: "SHOP",
};

export function ownerTypeOf(ownerId: string): string | undefined {
  return OWNER_TYPE_BY_KIND[gidKindOf(ownerId)];
}

type SortableRecord = { id: string; createdAt: string; updatedAt: string; processedAt?: string };

function sortRecords<T extends SortableRecord>(records: T[], sortKey: string | undefined, reverse: boolean | undefined): T[] {
  const field: keyof SortableRecord | null =
    sortKey === "CREATED_AT" ? "createdAt" : sortKey === "UPDATED_AT" ? "updatedAt" : sortKey === "PROCESSED_AT" ? "processedAt" : null;
  // Insertion order is id order, so ID needs no sort; the others sort stably and fall back to it.
  const sorted = field === null ? records : [...records].sort((left, right) => String(left[field]).localeCompare(String(right[field])));
  return reverse ? [...sorted].reverse() : sorted;
}

type ListArguments = PageArguments & { query?: string | null; sortKey?: string; reverse?: boolean };

type CountArguments = { query?: string | null; limit?: number | null };

const ORDER_WINDOW_WITHOUT_READ_ALL_ORDERS_MS = 60 * 24 * 60 * 60 * 1000;

/** `Count`: exact up to `limit` (10,000 unless given; null for no limit), else the limit as AT_LEAST. */
function countOf(total: number, limit: number | null | undefined) {
  const bound = limit === undefined ? 10_000 : limit;
  return bound !== null && total > bound ? { count: bound, precision: "AT_LEAST" } : { count: total, precision: "EXACT" };
}

export function createViews(context: AdminContext) {
  const { state } = context;
  // Without read_all_orders Shopify serves only the orders of the last 60 days, to every read.
  const oldestVisibleOrderAt = context.accessScopes.includes("read_all_orders")
    ? null
    : toIsoInstant(context.now.getTime() - ORDER_WINDOW_WITHOUT_READ_ALL_ORDERS_MS);
  const isVisibleOrder = (order: SimOrder) => oldestVisibleOrderAt === null || order.createdAt >= oldestVisibleOrderAt;

  function money(minor: number, currencyCode: CurrencyCode) {
    return { amount: formatMinorAsDecimal(minor, currencyCode), currencyCode };
  }

  function moneyBag(pair: MoneyPair, order: SimOrder) {
    return {
      shopMoney: money(pair.shopMinor, order.currencyCode),
      presentmentMoney: money(pair.presentmentMinor, order.presentmentCurrencyCode),
    };
  }

  function metafieldView(metafield: SimMetafield): View {
    return {
      __typename: "Metafield",
      id: metafield.id,
      namespace: metafield.namespace,
      key: metafield.key,
      type: metafield.type,
      value: metafield.value,
      compareDigest: metafield.compareDigest,
      ownerType: ownerTypeOf(metafield.ownerId),
      createdAt: metafield.createdAt,
      updatedAt: metafield.updatedAt,
    };
  }

  function metafieldFields(ownerId: string) {
    return {
      metafield: ({ namespace, key }: { namespace?: string | null; key: string }) => {
        const found = state.metafields.get(ownerId)?.get(`${resolveNamespace(namespace, context.appId)}.${key}`);
        return found ? metafieldView(found) : null;
      },
      metafields: (args: PageArguments & { namespace?: string | null; keys?: string[] | null }) => {
        const namespace = args.namespace === undefined || args.namespace === null ? null : resolveNamespace(args.namespace, context.appId);
        const keys = args.keys ?? null;
        const owned = [...(state.metafields.get(ownerId)?.values() ?? [])].filter(
          (metafield) =>
            (namespace === null || metafield.namespace === namespace) &&
            (keys === null || keys.includes(`${metafield.namespace}.${metafield.key}`)),
        );
        return paginate(owned, (metafield) => metafield.id, args, context, metafieldView);
      },
    };
  }

  function lineItemView(line: SimLineItem, order: SimOrder): View {
    const originalTotal = { shopMinor: line.unitPrice.shopMinor * line.quantity, presentmentMinor: line.unitPrice.presentmentMinor * line.quantity };
    return {
      __typename: "LineItem",
      id: line.id,
      name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      vendor: line.vendor,
      quantity: line.quantity,
      currentQuantity: () => line.quantity - refundedQuantityOf(order, line.id),
      product: () => {
        if (line.productId === null) return null;
        const product = state.products.find((candidate) => candidate.id === line.productId);
        return { __typename: "Product", id: line.productId, title: product?.title ?? line.title };
      },
      variant: line.variantId === null ? null : { __typename: "ProductVariant", id: line.variantId, sku: line.sku },
      originalUnitPriceSet: () => moneyBag(line.unitPrice, order),
      originalTotalSet: () => moneyBag(originalTotal, order),
      totalDiscountSet: () => moneyBag(line.discount, order),
      discountedTotalSet: () =>
        moneyBag(
          {
            shopMinor: originalTotal.shopMinor - line.discount.shopMinor,
            presentmentMinor: originalTotal.presentmentMinor - line.discount.presentmentMinor,
          },
          order,
        ),
      // As the REST payload's discount_allocations: one allocation from the order's discount code.
      discountAllocations: () =>
        order.discountCodes.length === 0 || (line.discount.shopMinor === 0 && line.discount.presentmentMinor === 0)
          ? []
          : [{ allocatedAmountSet: moneyBag(line.discount, order) }],
    };
  }

  function refundView(refund: SimRefund, order: SimOrder): View {
    return {
      __typename: "Refund",
      id: refund.id,
      createdAt: refund.createdAt,
      note: refund.note,
      totalRefundedSet: () => moneyBag(refund.amount, order),
      refundLineItems: (args: PageArguments) =>
        paginate(refund.lineItems, (refundLine) => refundLine.id, args, context, (refundLine) => {
            const line = order.lineItems.find((candidate) => candidate.id === refundLine.lineItemId);
            return {
              __typename: "RefundLineItem",
              id: refundLine.id,
              quantity: refundLine.quantity,
              restocked: refund.restock,
              lineItem: line ? lineItemView(line, order) : null,
              subtotalSet: moneyBag(refundLine.subtotal, order),
              totalTaxSet: moneyBag(refundLine.totalTax, order),
            };
          }),
    };
  }

  function orderView(order: SimOrder): View {
    return {
      __typename: "Order",
      id: order.id,
      legacyResourceId: legacyIdOf(order.id),
      name: order.name,
      email: order.email,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      processedAt: order.processedAt,
      cancelledAt: order.cancelledAt,
      cancelReason: order.cancelReason?.toUpperCase() ?? null,
      closedAt: order.closedAt,
      test: order.test,
      sourceName: order.sourceName,
      currencyCode: order.currencyCode,
      presentmentCurrencyCode: order.presentmentCurrencyCode,
      taxesIncluded: state.shop.taxesIncluded,
      subtotalPriceSet: () => moneyBag(order.subtotal, order),
      totalDiscountsSet: () => moneyBag(order.totalDiscounts, order),
      totalShippingPriceSet: () => moneyBag(order.shipping, order),
      totalTaxSet: () => moneyBag(order.totalTax, order),
      totalPriceSet: () => moneyBag(order.total, order),
      currentTotalPriceSet: () => moneyBag(currentTotalOf(order), order),
      totalRefundedSet: () => moneyBag(refundedTotalOf(order), order),
      displayFinancialStatus: order.financialStatus.toUpperCase(),
      discountCodes: order.discountCodes.map((discount) => discount.code),
      tags: order.tags,
      customer: () => {
        const customer = order.customerId ? state.customers.get(order.customerId) : undefined;
        return customer ? customerView(customer) : null;
      },
      lineItems: (args: PageArguments) => paginate(order.lineItems, (line) => line.id, args, context, (line) => lineItemView(line, order)),
      refunds: ({ first }: { first?: number | null }) =>
        order.refunds.slice(0, first ?? order.refunds.length).map((refund) => refundView(refund, order)),
      ...metafieldFields(order.id),
    };
  }

  function customerView(customer: SimCustomer): View {
    return {
      __typename: "Customer",
      id: customer.id,
      legacyResourceId: legacyIdOf(customer.id),
      email: customer.email,
      phone: customer.phone,
      firstName: customer.firstName,
      lastName: customer.lastName,
      displayName: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email || "",
      locale: customer.locale,
      note: customer.note,
      createdAt: customer.createdAt,
      updatedAt: customer.updatedAt,
      numberOfOrders: () => String(summarizeCustomerPurchases(state, customer).numberOfOrders),
      amountSpent: () => money(summarizeCustomerPurchases(state, customer).amountSpentMinor, state.shop.currencyCode),
      tags: customer.tags,
      // Shopify gives no e-mail consent to a customer without an e-mail address.
      emailMarketingConsent:
        customer.email === null
          ? null
          : {
              marketingState: customer.emailMarketingConsent.state,
              // As the consent webhook: no opt-in level for a customer who never chose.
              marketingOptInLevel: customer.emailMarketingConsent.consentUpdatedAt === null ? null : customer.emailMarketingConsent.optInLevel,
              consentUpdatedAt: customer.emailMarketingConsent.consentUpdatedAt,
            },
      lastOrder: () => {
        const lastOrderId = summarizeCustomerPurchases(state, customer).lastOrderId;
        const order = lastOrderId ? state.orders.get(lastOrderId) : undefined;
        return order && isVisibleOrder(order) ? orderView(order) : null;
      },
      orders: (args: ListArguments) => listOrders(customer.orderIds.flatMap((id) => state.orders.get(id) ?? []), args),
      ...metafieldFields(customer.id),
    };
  }

  function matchingOrders(orders: SimOrder[], query: string | null | undefined): SimOrder[] {
    const terms = parseSearchQuery(query);
    return orders.filter((order) =>
      isVisibleOrder(order) &&
      terms.every((term) => {
        if (term.field === "created_at") return matchesInstant(order.createdAt, term);
        if (term.field === "updated_at") return matchesInstant(order.updatedAt, term);
        if (term.field === "processed_at") return matchesInstant(order.processedAt, term);
        if (term.field === "id") return matchesNumericId(order.id, term);
        if (term.field === "tag") return order.tags.includes(term.value);
        if (term.field === "financial_status") return order.financialStatus === term.value.toLowerCase();
        if (term.field === "test") return String(order.test) === term.value;
        return true;
      }),
    );
  }

  function listOrders(orders: SimOrder[], args: ListArguments) {
    return paginate(sortRecords(matchingOrders(orders, args.query), args.sortKey, args.reverse), (order) => order.id, args, context, orderView);
  }

  function matchingCustomers(query: string | null | undefined): SimCustomer[] {
    const terms = parseSearchQuery(query);
    return [...state.customers.values()].filter((customer) =>
      terms.every((term) => {
        if (term.field === "created_at") return matchesInstant(customer.createdAt, term);
        if (term.field === "updated_at") return matchesInstant(customer.updatedAt, term);
        if (term.field === "id") return matchesNumericId(customer.id, term);
        if (term.field === "email") return customer.email === term.value;
        if (term.field === "tag") return customer.tags.includes(term.value);
        return true;
      }),
    );
  }

  function listCustomers(args: ListArguments) {
    return paginate(sortRecords(matchingCustomers(args.query), args.sortKey, args.reverse), (customer) => customer.id, args, context, customerView);
  }

  function bulkOperationView(operation: SimBulkOperation): View {
    return {
      __typename: "BulkOperation",
      id: operation.id,
      type: operation.type,
      status: operation.status,
      errorCode: operation.errorCode,
      query: operation.query,
      createdAt: operation.createdAt,
      completedAt: operation.completedAt,
      objectCount: String(operation.objectCount),
      rootObjectCount: String(operation.rootObjectCount),
      fileSize: operation.fileSize === null ? null : String(operation.fileSize),
      url: operation.url,
      partialDataUrl: operation.partialDataUrl,
    };
  }

  function metafieldDefinitionView(definition: MetafieldDefinitionRecord): View {
    return { __typename: "MetafieldDefinition", ...definition, type: { name: definition.type } };
  }

  function shopView(): View {
    const shop = state.shop;
    return {
      __typename: "Shop",
      id: shop.id,
      name: shop.name,
      email: shop.email,
      myshopifyDomain: shop.domain,
      currencyCode: shop.currencyCode,
      ianaTimezone: shop.ianaTimezone,
      enabledPresentmentCurrencies: shop.presentmentCurrencyCodes,
      taxesIncluded: shop.taxesIncluded,
    };
  }

  function appInstallationView(): View {
    return {
      __typename: "AppInstallation",
      id: state.shop.appInstallationId,
      accessScopes: context.accessScopes.map((handle) => ({ handle, description: handle.replace(/_/g, " ") })),
      ...metafieldFields(state.shop.appInstallationId),
    };
  }

  function findNode(id: string): View | null {
    const kind = gidKindOf(id);
    if (kind === "Customer") {
      const customer = state.customers.get(id);
      return customer ? customerView(customer) : null;
    }
    if (kind === "Order") {
      const order = state.orders.get(id);
      return order && isVisibleOrder(order) ? orderView(order) : null;
    }
    if (kind === "BulkOperation") {
      const operation = state.bulkOperations.get(id);
      return operation ? bulkOperationView(operation) : null;
    }
    if (kind === "MetafieldDefinition") {
      const definition = context.metafieldDefinitions.find((candidate) => candidate.id === id);
      return definition ? metafieldDefinitionView(definition) : null;
    }
    if (id === state.shop.appInstallationId) return appInstallationView();
    if (id === state.shop.id) return shopView();
    return null;
  }

  return {
    customerView,
    orderView,
    bulkOperationView,
    metafieldView,
    metafieldDefinitionView,
    listCustomers,
    listOrders,
    matchingCustomers,
    matchingOrders,
    findNode,
    shopView,
    appInstallationView,
  };
}

export type Views = ReturnType<typeof createViews>;

/** The root value for one request: query fields read views, mutation fields run commands. */
export function createRootValue(context: AdminContext): Record<string, unknown> {
  const views = createViews(context);
  const { state } = context;
  return {
    shop: () => views.shopView(),
    currentAppInstallation: () => views.appInstallationView(),
    customer: ({ id }: { id: string }) => (gidKindOf(id) === "Customer" ? views.findNode(id) : null),
    customers: (args: ListArguments) => views.listCustomers(args),
    customersCount: ({ query, limit }: CountArguments) => countOf(views.matchingCustomers(query).length, limit),
    order: ({ id }: { id: string }) => (gidKindOf(id) === "Order" ? views.findNode(id) : null),
    orders: (args: ListArguments) => views.listOrders([...state.orders.values()], args),
    ordersCount: ({ query, limit }: CountArguments) => countOf(views.matchingOrders([...state.orders.values()], query).length, limit),
    node: ({ id }: { id: string }) => views.findNode(id),
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => views.findNode(id)),
    currentBulkOperation: ({ type }: { type: string }) => {
      const latest = [...state.bulkOperations.values()].filter((operation) => operation.type === type).at(-1);
      return latest ? views.bulkOperationView(latest) : null;
    },
    metafieldDefinitions: (args: PageArguments & { ownerType: string; namespace?: string | null; key?: string | null }) => {
      const namespace = args.namespace ? resolveNamespace(args.namespace, context.appId) : null;
      const matching = context.metafieldDefinitions.filter(
        (definition) =>
          definition.ownerType === args.ownerType &&
          (namespace === null || definition.namespace === namespace) &&
          (!args.key || definition.key === args.key),
      );
      return paginate(matching, (definition) => definition.id, args, context, views.metafieldDefinitionView);
    },
    ...createMutationResolvers(context, views),
  };
}
