// English admin strings: the reference shape every other locale must match (see ja.ts).
// Words follow docs/glossary.md so the UI, the code and the database say the same thing.
import { backfill } from "./en/backfill.ts";
import { customers } from "./en/customers.ts";
import { dashboard } from "./en/dashboard.ts";
import { imports } from "./en/imports.ts";
import { ranks } from "./en/ranks.ts";
import { segments } from "./en/segments.ts";
import { settings } from "./en/settings.ts";

export const en = {
  backfill,
  customers,
  dashboard,
  imports,
  settings,
  ranks,
  segments,
  nav: {
    home: "Home",
    import: "Import orders",
    segments: "Segments",
    ranks: "Ranks",
    customers: "Customers",
    settings: "Settings",
  },
  login: {
    title: "Log in to Kizuna",
    shopDomain: "Shop domain",
    shopDomainHelp: "For example: example.myshopify.com",
    submit: "Log in",
    errors: {
      missingShop: "Enter your shop domain to log in.",
      invalidShop: "Enter a valid shop domain, such as example.myshopify.com.",
    },
  },
  home: {
    title: "Home",
    connection: {
      heading: "Connection",
      connectedTo: "Connected to {{name}} ({{domain}})",
      badge: {
        connected: "Connected",
        expired: "Access expired",
        missing: "Not connected",
      },
      problem: {
        expired: "Kizuna can no longer reach your store. Open Kizuna from your Shopify admin to reconnect.",
        missing: "Kizuna is not connected to your store yet. Open Kizuna from your Shopify admin to connect.",
      },
      renewsAutomatically: "Access renews automatically.",
      currency: "Currency",
      timeZone: "Time zone",
      installedOn: "Installed on",
      permissions: "Permissions granted",
      noPermissions: "None",
      storeDetailsPending: "Kizuna is still reading your store's details. Reload this page in a moment.",
    },
    data: {
      heading: "Data",
      updatesReceived: "Updates received from Shopify",
      lastReceivedAt: "Last update received",
      lastTopic: "Last update",
      emptyTitle: "No orders received yet",
      emptyBody: "New orders appear here as customers place them.",
      afterImportNote: "Once your history is imported, these updates keep Kizuna up to date.",
    },
    permissions: {
      read_orders: "View orders",
      read_all_orders: "View all past orders",
      read_customers: "View customers",
      write_customers: "Edit customers",
      read_discounts: "View discounts",
      write_discounts: "Create discounts",
    },
    topics: {
      "app/uninstalled": "App uninstalled",
      "app/scopes_update": "Permissions changed",
      "orders/create": "Order placed",
      "orders/updated": "Order updated",
      "orders/paid": "Order paid",
      "orders/cancelled": "Order cancelled",
      "refunds/create": "Refund issued",
      "customers/create": "Customer created",
      "customers/update": "Customer updated",
      "customers/delete": "Customer deleted",
      "customers_email_marketing_consent/update": "Email consent changed",
      "bulk_operations/finish": "Data export finished",
      "customers/data_request": "Customer data requested",
      "customers/redact": "Customer data erasure requested",
      "shop/redact": "Store data erasure requested",
    },
  },
};

export type Messages = typeof en;
