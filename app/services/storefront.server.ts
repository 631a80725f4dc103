import { findShop } from "../models/shops.server.ts";

export type StorefrontVisitor = {
  shopConnected: boolean;
  /** Null for a logged-out visitor: they see only the neutral storefront message. */
  customerGid: string | null;
};

/** What the storefront may know about the visitor behind a signed app proxy request. */
export async function findStorefrontVisitor(shop: string, loggedInCustomerId: string): Promise<StorefrontVisitor> {
  const shopRecord = await findShop(shop);
  return {
    shopConnected: shopRecord !== null && shopRecord.uninstalledAt === null,
    customerGid: /^\d+$/.test(loggedInCustomerId) ? `gid://shopify/Customer/${loggedInCustomerId}` : null,
  };
}
