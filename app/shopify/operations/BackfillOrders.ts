// The orders bulk query of the history backfill (shopify-platform.md §9.2). Every field maps to a
// field of the orders/* webhook that parseOrderPayload reads, so app/domain/ingest/bulk-orders.ts
// builds the same OrderFact from either. Line items are the one nested connection: separate JSONL
// lines with __parentId. Refunds are a list, so they stay on the order's own line. The customer
// is only a GID here: customers, with their protected data, come from BackfillCustomers.

const MONEY_BAG = "shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }";

/** The bulk query; `search` is Shopify search syntax (the 60-day window), null for all history. */
export function backfillOrdersQuery(search: string | null): string {
  const argument = search === null ? "" : `(query: ${JSON.stringify(search)})`;
  return `{
  orders${argument} {
    edges {
      node {
        id
        name
        createdAt
        updatedAt
        processedAt
        cancelledAt
        test
        displayFinancialStatus
        currencyCode
        presentmentCurrencyCode
        taxesIncluded
        customer { id }
        totalPriceSet { ${MONEY_BAG} }
        subtotalPriceSet { ${MONEY_BAG} }
        totalDiscountsSet { ${MONEY_BAG} }
        totalTaxSet { ${MONEY_BAG} }
        refunds { id createdAt totalRefundedSet { ${MONEY_BAG} } }
        lineItems {
          edges {
            node {
              id
              title
              quantity
              product { id }
              variant { id }
              originalUnitPriceSet { ${MONEY_BAG} }
              discountAllocations { allocatedAmountSet { ${MONEY_BAG} } }
            }
          }
        }
      }
    }
  }
}`;
}
