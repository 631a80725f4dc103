// English strings of the Settings page; ja/settings.ts mirrors them key for key.
export const settings = {
  title: "Settings",
  sync: {
    heading: "Shopify sync",
    description:
      "Kizuna keeps each customer's rank, segment and progress to the next rank in Shopify, where Kizuna's theme blocks show them to the customer. Only values that changed are written. Kizuna updates a customer after each order, and everyone after the daily recompute and after you change your rank rules.",
    status: {
      running: "Syncing",
      completed: "Up to date",
      failed: "Stopped",
    },
    never: "Kizuna has not synced your customers to Shopify yet.",
    definitions: {
      label: "Storefront fields",
      ready: "Created in Shopify",
      pending: "Created with the first sync",
    },
    progressLabel: "Sync progress",
    percent: "{{percent}}%",
    progress: "{{done}} of {{total}} customers",
    refreshing: "This page updates by itself while the sync runs.",
    rerun:
      "Another sync starts as soon as this one ends, to include your latest changes.",
    trigger: {
      label: "Started by",
      install: "Installing Kizuna",
      recompute: "Recomputed analytics",
      merchant: "Sync now",
      settings: "Changed tag settings",
    },
    startedAt: "Started",
    finishedAt: "Finished",
    written: "Updated in Shopify",
    unchanged: "Already up to date",
    skipped: "Not in Shopify (deleted, or only in an imported file)",
    failed: "Could not be updated",
    problem: {
      NO_ACCESS:
        "Kizuna could not reach your store. Open Kizuna from your Shopify admin to reconnect, then sync again.",
      SHOPIFY_UNAVAILABLE:
        "Shopify did not respond for a long time. Sync again later.",
      SHOPIFY_REFUSED:
        "Shopify refused the update. Sync again; if it keeps happening, contact Kizuna support.",
      UNINSTALLED: "The sync stopped because Kizuna was uninstalled.",
      INTERNAL: "The sync stopped because of an unexpected error. Sync again.",
    },
    waiting:
      "{{customers}} customers with new orders are waiting to be updated in Shopify.",
    failures: {
      heading: "Customers Shopify did not accept",
      shown:
        "The last {{shown}} of {{count}} customers. Kizuna tries them again with every sync.",
      customer: "Customer",
      reason: "Shopify's reason",
      when: "When",
    },
    syncNow: "Sync now",
    requested: {
      started: "The sync has started.",
      "after-running": "A sync is running; another one starts when it ends.",
      NOT_INSTALLED: "Kizuna is not installed on this store.",
      NO_ACCESS:
        "Kizuna cannot reach your store. Open Kizuna from your Shopify admin to reconnect.",
    },
    history: {
      heading: "Recent syncs",
      empty: "No syncs yet.",
      startedAt: "Started",
      trigger: "Started by",
      status: "Status",
      written: "Updated",
      failed: "Failed",
    },
  },
  tags: {
    heading: "Customer tags",
    description:
      "Kizuna can also tag each customer with their rank and segment, such as {{rankExample}} and {{segmentExample}}, so you can use them in Shopify customer segments and Shopify Flow. Kizuna removes only tags it added itself; your own tags stay.",
    enabled: "Add customer tags",
    prefix: "Tag prefix",
    prefixHelp: "Lowercase letters, numbers, - and _, up to 32 characters.",
    example: "Example: {{example}}",
    save: "Save",
    saved: "Saved.",
    savedAndSyncing: "Saved. Kizuna is updating your customers' tags.",
    errors: {
      EMPTY: "Enter a prefix.",
      TOO_LONG: "Use at most 32 characters.",
      INVALID_CHARACTERS:
        "Use only lowercase letters, numbers, - and _, starting with a letter or a number.",
    },
  },
};
