// What happened in the simulated shop: the union of events the commands emit and the webhook outbox turns
// into deliveries (to-payload.ts). Each event carries a snapshot of its record as it was when it happened,
// because Shopify retries a webhook with its original payload (shopify-platform.md §6).

import type {
  IsoInstant,
  SimBulkOperation,
  SimCustomer,
  SimOrder,
  SimRefund,
  SimShop,
} from "./state.ts";

interface EventBase {
  /** When the change happened in the simulator's clock; becomes X-Shopify-Triggered-At. */
  occurredAt: IsoInstant;
}

export interface OrderCreated extends EventBase {
  type: "OrderCreated";
  order: SimOrder;
}
export interface OrderUpdated extends EventBase {
  type: "OrderUpdated";
  order: SimOrder;
}
export interface OrderPaid extends EventBase {
  type: "OrderPaid";
  order: SimOrder;
}
export interface OrderCancelled extends EventBase {
  type: "OrderCancelled";
  order: SimOrder;
}
export interface RefundCreated extends EventBase {
  type: "RefundCreated";
  order: SimOrder;
  refund: SimRefund;
}
export interface CustomerCreated extends EventBase {
  type: "CustomerCreated";
  customer: SimCustomer;
}
export interface CustomerUpdated extends EventBase {
  type: "CustomerUpdated";
  customer: SimCustomer;
}
export interface CustomerDeleted extends EventBase {
  type: "CustomerDeleted";
  customer: SimCustomer;
}
export interface EmailMarketingConsentUpdated extends EventBase {
  type: "EmailMarketingConsentUpdated";
  customer: SimCustomer;
}
export interface CustomerTagsAdded extends EventBase {
  type: "CustomerTagsAdded";
  customerId: string;
  tags: string[];
}
export interface CustomerTagsRemoved extends EventBase {
  type: "CustomerTagsRemoved";
  customerId: string;
  tags: string[];
}
export interface AppUninstalled extends EventBase {
  type: "AppUninstalled";
  shop: SimShop;
}
export interface BulkOperationFinished extends EventBase {
  type: "BulkOperationFinished";
  bulkOperation: SimBulkOperation;
}
/** customers/data_request: a customer asked the merchant for their data. */
export interface CustomerDataRequested extends EventBase {
  type: "CustomerDataRequested";
  dataRequestId: number;
  customer: { id: string; email: string | null; phone: string | null };
  orderIds: string[];
}
/** customers/redact: the app must erase this customer's data. */
export interface CustomerRedactRequested extends EventBase {
  type: "CustomerRedactRequested";
  customer: { id: string; email: string | null; phone: string | null };
  orderIds: string[];
}
/** shop/redact: 48 h after uninstall the app must erase the shop's data. */
export interface ShopRedactRequested extends EventBase {
  type: "ShopRedactRequested";
  shop: SimShop;
}

export type ShopEvent =
  | OrderCreated
  | OrderUpdated
  | OrderPaid
  | OrderCancelled
  | RefundCreated
  | CustomerCreated
  | CustomerUpdated
  | CustomerDeleted
  | EmailMarketingConsentUpdated
  | CustomerTagsAdded
  | CustomerTagsRemoved
  | AppUninstalled
  | BulkOperationFinished
  | CustomerDataRequested
  | CustomerRedactRequested
  | ShopRedactRequested;

export type ShopEventType = ShopEvent["type"];
