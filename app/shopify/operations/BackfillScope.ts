// What a backfill needs to know before it starts: whether the app may read all orders, and how
// many orders and customers to expect, for all history and for the 60-day window that applies
// without read_all_orders (Count is capped at 10,000 unless limit is null).
export const BackfillScope = `#graphql
  query BackfillScope($recentOrdersSearch: String!) {
    currentAppInstallation {
      accessScopes {
        handle
      }
    }
    allOrders: ordersCount(limit: null) {
      count
    }
    recentOrders: ordersCount(query: $recentOrdersSearch, limit: null) {
      count
    }
    customersCount(limit: null) {
      count
    }
  }
`;

export type BackfillScopeResult = {
  currentAppInstallation: { accessScopes: Array<{ handle: string }> };
  allOrders: { count: number } | null;
  recentOrders: { count: number } | null;
  customersCount: { count: number } | null;
};
