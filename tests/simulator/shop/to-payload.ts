// Event → webhook { topic, payload } in Shopify's REST JSON shape for API 2026-10, modelled on the 2026-04
// docs examples in shared/fixtures/shopify-webhooks (shopify-platform.md §7): numeric `id` beside the GID,
// decimal-string money with `*_set` pairs, shop-offset timestamps, no consent or tags in customers (2025-01+).
// Events carry snapshots of their records; only the customer inside an order payload is read from `state`.

import type { ShopEvent } from "./events.ts";
import type {
  CurrencyCode,
  IsoInstant,
  MoneyPair,
  ShopState,
  SimAddress,
  SimCustomer,
  SimLineItem,
  SimOrder,
  SimRefund,
  SimShop,
} from "./state.ts";
import {
  CURRENCY_EXPONENTS,
  currentTotalOf,
  formatMinorAsDecimal,
  numericIdOf,
  sumMoney,
} from "./state.ts";

/** Webhook topics the simulator can deliver. */
export type WebhookTopic =
  | "orders/create"
  | "orders/updated"
  | "orders/paid"
  | "orders/cancelled"
  | "refunds/create"
  | "customers/create"
  | "customers/update"
  | "customers/delete"
  | "customers_email_marketing_consent/update"
  | "customer.tags_added"
  | "customer.tags_removed"
  | "app/uninstalled"
  | "bulk_operations/finish"
  | "customers/data_request"
  | "customers/redact"
  | "shop/redact";

export interface Webhook {
  topic: WebhookTopic;
  payload: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `2026-03-01T10:00:00Z` in Asia/Tokyo → `2026-03-01T19:00:00+09:00`, as Shopify's REST payloads print times. */
export function formatInShopZone(at: IsoInstant, timeZone: string): string {
  const instantMs = Date.parse(at);
  const parts: Record<string, string> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(instantMs))
    parts[part.type] = part.value;
  const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round(
    (Date.parse(`${wall}Z`) - Math.floor(instantMs / 1000) * 1000) / 60_000,
  );
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(absolute / 60)).padStart(2, "0")}:${String(absolute % 60).padStart(2, "0")}`;
}

/** Builds payloads for one shop: money formatting and time zone come from `shop` (a snapshot or the live record). */
function payloadBuilder(state: ShopState, shop: SimShop) {
  const time = (at: IsoInstant | null) =>
    at === null ? null : formatInShopZone(at, shop.ianaTimezone);
  const shopAmount = (money: MoneyPair) =>
    formatMinorAsDecimal(money.shopMinor, shop.currencyCode);

  function moneySet(money: MoneyPair, order: SimOrder): Json {
    return {
      shop_money: {
        amount: formatMinorAsDecimal(money.shopMinor, order.currencyCode),
        currency_code: order.currencyCode,
      },
      presentment_money: {
        amount: formatMinorAsDecimal(
          money.presentmentMinor,
          order.presentmentCurrencyCode,
        ),
        currency_code: order.presentmentCurrencyCode,
      },
    };
  }

  function orderAddress(address: SimAddress | null): Json | null {
    if (address === null) return null;
    return {
      first_name: address.firstName,
      address1: address.address1,
      phone: address.phone,
      city: address.city,
      zip: address.zip,
      province: address.province,
      country: address.country,
      last_name: address.lastName,
      address2: address.address2,
      company: address.company,
      latitude: null,
      longitude: null,
      name: `${address.firstName} ${address.lastName}`,
      country_code: address.countryCode,
      province_code: address.provinceCode,
    };
  }

  function customerAddress(
    address: SimAddress | null,
    customer: SimCustomer,
  ): Json | null {
    if (address === null) return null;
    return {
      id: numericIdOf(address.id),
      customer_id: numericIdOf(customer.id),
      first_name: address.firstName,
      last_name: address.lastName,
      company: address.company,
      address1: address.address1,
      address2: address.address2,
      city: address.city,
      province: address.province,
      country: address.country,
      zip: address.zip,
      phone: address.phone,
      name: `${address.firstName} ${address.lastName}`,
      province_code: address.provinceCode,
      country_code: address.countryCode,
      country_name: address.country,
      default: true,
    };
  }

  /** The customer object as 2025-01+ prints it inside orders: no consent, tags or order counts. */
  function customerCore(customer: SimCustomer): Json {
    return {
      id: numericIdOf(customer.id),
      created_at: time(customer.createdAt),
      updated_at: time(customer.updatedAt),
      first_name: customer.firstName,
      last_name: customer.lastName,
      state: customer.state.toLowerCase(),
      note: customer.note,
      verified_email: customer.verifiedEmail,
      multipass_identifier: null,
      tax_exempt: customer.taxExempt,
      email: customer.email,
      phone: customer.phone,
      currency: shop.currencyCode,
      tax_exemptions: [],
      admin_graphql_api_id: customer.id,
      default_address: customerAddress(customer.defaultAddress, customer),
    };
  }

  function customerPayload(customer: SimCustomer): Json {
    const { default_address: defaultAddress, ...core } = customerCore(customer);
    return {
      ...core,
      addresses: defaultAddress === null ? [] : [defaultAddress],
      default_address: defaultAddress,
    };
  }

  function lineItemCore(line: SimLineItem, order: SimOrder): Json {
    return {
      id: numericIdOf(line.id),
      variant_id: line.variantId === null ? null : numericIdOf(line.variantId),
      title: line.title,
      quantity: line.quantity,
      sku: line.sku,
      variant_title: line.variantTitle,
      vendor: line.vendor,
      fulfillment_service: "manual",
      product_id: line.productId === null ? null : numericIdOf(line.productId),
      requires_shipping: true,
      taxable: true,
      gift_card: false,
      name: line.title,
      variant_inventory_management: line.variantId === null ? null : "shopify",
      properties: [],
      product_exists: line.productId !== null,
      fulfillable_quantity:
        order.fulfillmentStatus === "fulfilled" || order.cancelledAt !== null
          ? 0
          : line.quantity,
      grams: 0,
      price: formatMinorAsDecimal(line.unitPrice.shopMinor, order.currencyCode),
      total_discount: formatMinorAsDecimal(
        line.discount.shopMinor,
        order.currencyCode,
      ),
      fulfillment_status: order.fulfillmentStatus,
      price_set: moneySet(line.unitPrice, order),
      total_discount_set: moneySet(line.discount, order),
      discount_allocations:
        order.discountCodes.length === 0 ||
        (line.discount.shopMinor === 0 && line.discount.presentmentMinor === 0)
          ? []
          : [
              {
                amount: formatMinorAsDecimal(
                  line.discount.shopMinor,
                  order.currencyCode,
                ),
                amount_set: moneySet(line.discount, order),
                discount_application_index: 0,
              },
            ],
      duties: [],
      admin_graphql_api_id: line.id,
      tax_lines: [],
    };
  }

  function lineItemPayload(line: SimLineItem, order: SimOrder): Json {
    let refunded = 0;
    for (const refund of order.refunds)
      for (const refundLine of refund.lineItems)
        if (refundLine.lineItemId === line.id) refunded += refundLine.quantity;
    return {
      ...lineItemCore(line, order),
      attributed_staffs: [],
      current_quantity: line.quantity - refunded,
      sales_line_item_group_id: null,
    };
  }

  function refundPayload(refund: SimRefund, order: SimOrder): Json {
    const orderNumericId = numericIdOf(order.id);
    const zero = moneySet({ shopMinor: 0, presentmentMinor: 0 }, order);
    const hasShipping =
      refund.shipping.shopMinor !== 0 || refund.shipping.presentmentMinor !== 0;
    // total_unsettled_set prints zero as a GraphQL Decimal ("0.0"), not with the currency's decimals.
    const unsettledZero = (currencyCode: CurrencyCode) =>
      CURRENCY_EXPONENTS[currencyCode] === 0 ? "0" : "0.0";
    return {
      id: numericIdOf(refund.id),
      order_id: orderNumericId,
      created_at: time(refund.createdAt),
      note: refund.note,
      user_id: null,
      processed_at: time(refund.createdAt),
      duties: [],
      total_duties_set: zero,
      return: null,
      restock: refund.restock,
      refund_shipping_lines: hasShipping
        ? [
            {
              id: numericIdOf(refund.transactionId),
              shipping_line_id: orderNumericId,
              subtotal_amount_set: moneySet(refund.shipping, order),
            },
          ]
        : [],
      admin_graphql_api_id: refund.id,
      order_adjustments: [],
      refund_line_items: refund.lineItems.map((refundLine) => {
        const line = order.lineItems.find(
          (candidate) => candidate.id === refundLine.lineItemId,
        );
        return {
          id: numericIdOf(refundLine.id),
          quantity: refundLine.quantity,
          line_item_id: numericIdOf(refundLine.lineItemId),
          location_id: null,
          restock_type: "no_restock",
          // Shopify prints these two as JSON numbers, unlike every other amount.
          subtotal:
            refundLine.subtotal.shopMinor /
            10 ** CURRENCY_EXPONENTS[order.currencyCode],
          total_tax:
            refundLine.totalTax.shopMinor /
            10 ** CURRENCY_EXPONENTS[order.currencyCode],
          subtotal_set: moneySet(refundLine.subtotal, order),
          total_tax_set: moneySet(refundLine.totalTax, order),
          line_item: line === undefined ? null : lineItemCore(line, order),
        };
      }),
      transactions: [
        {
          id: numericIdOf(refund.transactionId),
          order_id: orderNumericId,
          kind: "refund",
          gateway: "shopify_payments",
          status: "success",
          message: null,
          created_at: time(refund.createdAt),
          test: order.test,
          authorization: null,
          location_id: null,
          user_id: null,
          parent_id: null,
          processed_at: time(refund.createdAt),
          device_id: null,
          error_code: null,
          source_name: "web",
          receipt: {},
          amount: formatMinorAsDecimal(
            refund.amount.presentmentMinor,
            order.presentmentCurrencyCode,
          ),
          currency: order.presentmentCurrencyCode,
          payment_id: `${order.name}.${order.refunds.indexOf(refund) + 2}`,
          total_unsettled_set: {
            presentment_money: {
              amount: unsettledZero(order.presentmentCurrencyCode),
              currency: order.presentmentCurrencyCode,
            },
            shop_money: {
              amount: unsettledZero(order.currencyCode),
              currency: order.currencyCode,
            },
          },
          manual_payment_gateway: false,
          amount_rounding: null,
          admin_graphql_api_id: refund.transactionId,
        },
      ],
    };
  }

  function orderPayload(order: SimOrder): Json {
    const numericId = numericIdOf(order.id);
    const customer =
      order.customerId === null
        ? undefined
        : state.customers.get(order.customerId);
    const refundedLines = sumMoney(
      order.refunds.flatMap((refund) =>
        refund.lineItems.map((line) => line.subtotal),
      ),
    );
    const refundedTax = sumMoney(
      order.refunds.flatMap((refund) =>
        refund.lineItems.map((line) => line.totalTax),
      ),
    );
    const refundedShipping = sumMoney(
      order.refunds.map((refund) => refund.shipping),
    );
    const minus = (from: MoneyPair, less: MoneyPair): MoneyPair => ({
      shopMinor: from.shopMinor - less.shopMinor,
      presentmentMinor: from.presentmentMinor - less.presentmentMinor,
    });
    const currentSubtotal = minus(order.subtotal, refundedLines);
    const currentTax = minus(order.totalTax, refundedTax);
    const currentTotal = currentTotalOf(order);
    const zero: MoneyPair = { shopMinor: 0, presentmentMinor: 0 };
    const outstanding =
      order.financialStatus === "pending" ? order.total : zero;
    const discount = order.discountCodes[0];
    const token = `${numericId.toString(16)}${order.orderNumber.toString(16)}`;
    return {
      id: numericId,
      admin_graphql_api_id: order.id,
      app_id: 580111,
      browser_ip: null,
      buyer_accepts_marketing: order.buyerAcceptsMarketing,
      cancel_reason: order.cancelReason,
      cancelled_at: time(order.cancelledAt),
      cart_token: null,
      checkout_token: null,
      client_details: null,
      closed_at: time(order.closedAt),
      confirmation_number: `KZ${order.orderNumber.toString(36).toUpperCase().padStart(7, "0")}`,
      confirmed: true,
      contact_email: order.email,
      created_at: time(order.createdAt),
      currency: order.currencyCode,
      current_shipping_price_set: moneySet(
        minus(order.shipping, refundedShipping),
        order,
      ),
      current_subtotal_price: shopAmount(currentSubtotal),
      current_subtotal_price_set: moneySet(currentSubtotal, order),
      current_total_additional_fees_set: null,
      current_total_discounts: shopAmount(order.totalDiscounts),
      current_total_discounts_set: moneySet(order.totalDiscounts, order),
      current_total_duties_set: null,
      current_total_price: shopAmount(currentTotal),
      current_total_price_set: moneySet(currentTotal, order),
      current_total_tax: shopAmount(currentTax),
      current_total_tax_set: moneySet(currentTax, order),
      customer_locale: order.customerLocale,
      device_id: null,
      discount_codes:
        discount === undefined
          ? []
          : [
              {
                code: discount.code,
                amount: shopAmount(discount.amount),
                type: discount.type,
              },
            ],
      duties_included: false,
      email: order.email,
      estimated_taxes: false,
      financial_status: order.financialStatus,
      fulfillment_status: order.fulfillmentStatus,
      landing_site: null,
      landing_site_ref: null,
      location_id: null,
      merchant_business_entity_id: null,
      merchant_of_record_app_id: null,
      name: order.name,
      note: order.note,
      note_attributes: [],
      number: order.orderNumber - 1000,
      order_number: order.orderNumber,
      order_status_url: `https://${shop.domain}/${numericIdOf(shop.id)}/orders/${token}/authenticate?key=${token}`,
      original_total_additional_fees_set: null,
      original_total_duties_set: null,
      payment_gateway_names: ["shopify_payments"],
      phone: order.phone,
      po_number: null,
      presentment_currency: order.presentmentCurrencyCode,
      processed_at: time(order.processedAt),
      reference: null,
      referring_site: null,
      source_identifier: null,
      source_name: order.sourceName,
      source_url: null,
      subtotal_price: shopAmount(order.subtotal),
      subtotal_price_set: moneySet(order.subtotal, order),
      tags: order.tags.join(", "),
      tax_exempt: false,
      tax_lines:
        order.totalTax.shopMinor === 0
          ? []
          : [
              {
                price: shopAmount(order.totalTax),
                rate: shop.taxRateBasisPoints / 10000,
                title: shop.countryCode === "JP" ? "消費税" : "Sales Tax",
                price_set: moneySet(order.totalTax, order),
                channel_liable: false,
              },
            ],
      taxes_included: shop.taxesIncluded,
      test: order.test,
      token,
      total_cash_rounding_payment_adjustment_set: moneySet(zero, order),
      total_cash_rounding_refund_adjustment_set: moneySet(zero, order),
      total_discounts: shopAmount(order.totalDiscounts),
      total_discounts_set: moneySet(order.totalDiscounts, order),
      total_line_items_price: shopAmount(order.lineItemsTotal),
      total_line_items_price_set: moneySet(order.lineItemsTotal, order),
      total_outstanding: shopAmount(outstanding),
      total_price: shopAmount(order.total),
      total_price_set: moneySet(order.total, order),
      total_shipping_price_set: moneySet(order.shipping, order),
      total_tax: shopAmount(order.totalTax),
      total_tax_set: moneySet(order.totalTax, order),
      total_tip_received: shopAmount(zero),
      total_weight: 0,
      updated_at: time(order.updatedAt),
      user_id: null,
      billing_address: orderAddress(order.shippingAddress),
      customer: customer === undefined ? null : customerCore(customer),
      discount_applications:
        discount === undefined
          ? []
          : [
              {
                target_type: "line_item",
                type: "discount_code",
                value:
                  discount.type === "percentage"
                    ? `${discount.value}.0`
                    : formatMinorAsDecimal(discount.value, order.currencyCode),
                value_type: discount.type,
                allocation_method: "across",
                target_selection: "all",
                code: discount.code,
              },
            ],
      fulfillments: [],
      line_items: order.lineItems.map((line) => lineItemPayload(line, order)),
      payment_terms: null,
      refunds: order.refunds.map((refund) => refundPayload(refund, order)),
      shipping_address: orderAddress(order.shippingAddress),
      shipping_lines: [
        {
          id: numericId,
          carrier_identifier: null,
          code: "standard",
          current_discounted_price_set: moneySet(
            minus(order.shipping, refundedShipping),
            order,
          ),
          discounted_price: shopAmount(order.shipping),
          discounted_price_set: moneySet(order.shipping, order),
          is_removed: false,
          phone: null,
          price: shopAmount(order.shipping),
          price_set: moneySet(order.shipping, order),
          requested_fulfillment_service_id: null,
          source: "shopify",
          title: shop.countryCode === "JP" ? "通常配送" : "Standard Shipping",
          tax_lines: [],
          discount_allocations: [],
        },
      ],
      returns: [],
      line_item_groups: [],
    };
  }

  function shopPayload(): Json {
    const japanese = shop.countryCode === "JP";
    const moneyFormat =
      shop.currencyCode === "JPY" ? "¥{{amount_no_decimals}}" : "${{amount}}";
    const offset = formatInShopZone(shop.createdAt, shop.ianaTimezone).slice(
      19,
    );
    return {
      id: numericIdOf(shop.id),
      name: shop.name,
      email: shop.email,
      domain: shop.domain,
      province: japanese ? "東京都" : "New York",
      country: shop.countryCode,
      address1: japanese ? "渋谷区神宮前1-2-3" : "100 Broadway",
      zip: japanese ? "150-0001" : "10005",
      city: japanese ? "渋谷区" : "New York",
      source: null,
      phone: null,
      latitude: null,
      longitude: null,
      primary_locale: shop.primaryLocale,
      address2: null,
      created_at: time(shop.createdAt),
      updated_at: time(shop.appUninstalledAt ?? shop.createdAt),
      country_code: shop.countryCode,
      country_name: japanese ? "Japan" : "United States",
      currency: shop.currencyCode,
      customer_email: shop.email,
      timezone: `(GMT${offset}) ${shop.ianaTimezone}`,
      iana_timezone: shop.ianaTimezone,
      shop_owner: japanese ? "絆 太郎" : "Kizuna Owner",
      money_format: moneyFormat,
      money_with_currency_format: `${moneyFormat} ${shop.currencyCode}`,
      weight_unit: "kg",
      province_code: japanese ? "JP-13" : "NY",
      taxes_included: shop.taxesIncluded,
      auto_configure_tax_inclusivity: null,
      tax_shipping: null,
      county_taxes: !japanese,
      plan_display_name: shop.planDisplayName,
      plan_name: shop.planName,
      has_discounts: state.discountCodes.size > 0,
      has_gift_cards: false,
      myshopify_domain: shop.domain,
      google_apps_domain: null,
      google_apps_login_enabled: null,
      money_in_emails_format: moneyFormat,
      money_with_currency_in_emails_format: `${moneyFormat} ${shop.currencyCode}`,
      eligible_for_payments: true,
      requires_extra_payments_agreement: false,
      password_enabled: false,
      has_storefront: true,
      finances: true,
      primary_location_id: numericIdOf(shop.id) + 1,
      checkout_api_supported: true,
      multi_location_enabled: true,
      setup_required: false,
      pre_launch_enabled: false,
      enabled_presentment_currencies: [...shop.presentmentCurrencyCodes],
      marketing_sms_consent_enabled_at_checkout: false,
      transactional_sms_disabled: false,
    };
  }

  return {
    time,
    customerCore,
    customerPayload,
    orderPayload,
    refundPayload,
    shopPayload,
  };
}

function consentPayload(
  customer: SimCustomer,
  time: (at: IsoInstant | null) => string | null,
): Json {
  const consent = customer.emailMarketingConsent;
  return {
    customer_id: numericIdOf(customer.id),
    email_address: customer.email,
    email_marketing_consent: {
      state: consent.state.toLowerCase(),
      // Shopify sends no opt-in level for a customer who never chose (the docs example shows null).
      opt_in_level:
        consent.consentUpdatedAt === null
          ? null
          : consent.optInLevel.toLowerCase(),
      consent_updated_at: time(consent.consentUpdatedAt),
    },
  };
}

/** The webhook Shopify would send for an event: its topic and its JSON body. */
export function toWebhook(event: ShopEvent, state: ShopState): Webhook {
  const build = payloadBuilder(
    state,
    event.type === "AppUninstalled" || event.type === "ShopRedactRequested"
      ? event.shop
      : state.shop,
  );
  const shopIdentity = {
    shop_id: numericIdOf(state.shop.id),
    shop_domain: state.shop.domain,
  };
  switch (event.type) {
    case "OrderCreated":
      return {
        topic: "orders/create",
        payload: build.orderPayload(event.order),
      };
    case "OrderUpdated":
      return {
        topic: "orders/updated",
        payload: build.orderPayload(event.order),
      };
    case "OrderPaid":
      return { topic: "orders/paid", payload: build.orderPayload(event.order) };
    case "OrderCancelled":
      return {
        topic: "orders/cancelled",
        payload: build.orderPayload(event.order),
      };
    case "RefundCreated":
      return {
        topic: "refunds/create",
        payload: build.refundPayload(event.refund, event.order),
      };
    case "CustomerCreated":
      return {
        topic: "customers/create",
        payload: build.customerPayload(event.customer),
      };
    case "CustomerUpdated":
      return {
        topic: "customers/update",
        payload: build.customerPayload(event.customer),
      };
    case "CustomerDeleted":
      return {
        topic: "customers/delete",
        payload: {
          id: numericIdOf(event.customer.id),
          tax_exemptions: [],
          admin_graphql_api_id: event.customer.id,
        },
      };
    case "EmailMarketingConsentUpdated":
      return {
        topic: "customers_email_marketing_consent/update",
        payload: consentPayload(event.customer, build.time),
      };
    case "CustomerTagsAdded":
    case "CustomerTagsRemoved":
      return {
        topic:
          event.type === "CustomerTagsAdded"
            ? "customer.tags_added"
            : "customer.tags_removed",
        // These newer topics are camelCase with GIDs and UTC milliseconds (docs example).
        payload: {
          customerId: event.customerId,
          tags: [...event.tags],
          occurredAt: new Date(event.occurredAt).toISOString(),
        },
      };
    case "AppUninstalled":
      return { topic: "app/uninstalled", payload: build.shopPayload() };
    case "BulkOperationFinished": {
      const operation = event.bulkOperation;
      return {
        topic: "bulk_operations/finish",
        payload: {
          admin_graphql_api_id: operation.id,
          completed_at: build.time(operation.completedAt),
          created_at: build.time(operation.createdAt),
          error_code: operation.errorCode?.toLowerCase() ?? null,
          status: operation.status.toLowerCase(),
          type: operation.type.toLowerCase(),
        },
      };
    }
    case "CustomerDataRequested":
      return {
        topic: "customers/data_request",
        payload: {
          ...shopIdentity,
          customer: {
            id: numericIdOf(event.customer.id),
            email: event.customer.email,
            phone: event.customer.phone,
          },
          orders_requested: event.orderIds.map(numericIdOf),
          data_request: { id: event.dataRequestId },
        },
      };
    case "CustomerRedactRequested":
      return {
        topic: "customers/redact",
        payload: {
          ...shopIdentity,
          customer: {
            id: numericIdOf(event.customer.id),
            email: event.customer.email,
            phone: event.customer.phone,
          },
          orders_to_redact: event.orderIds.map(numericIdOf),
        },
      };
    case "ShopRedactRequested":
      return {
        topic: "shop/redact",
        payload: {
          shop_id: numericIdOf(event.shop.id),
          shop_domain: event.shop.domain,
        },
      };
  }
}
