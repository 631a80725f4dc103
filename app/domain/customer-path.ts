// A customer's GID as one URL path segment for the admin's profile page. Shopify customers use their
// numeric id, as Shopify admin's own URLs do; customers Kizuna knows only from an imported file have
// GIDs with any characters in them (gid://kizuna/Customer/external:…), so they travel as "k" and the
// base64url of the GID.
import { decodeBase64Url, encodeBase64Url } from "./base64url.ts";

const SHOPIFY_CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d+)$/;
const SHOPIFY_CUSTOMER_ID = /^\d+$/;
const ENCODED_GID = /^k([A-Za-z0-9_-]+)$/;

export function toCustomerPathId(customerGid: string): string {
  const shopifyId = SHOPIFY_CUSTOMER_GID.exec(customerGid)?.[1];
  return shopifyId ?? `k${encodeBase64Url(customerGid)}`;
}

/** The GID a path segment names; null for a segment no customer GID produces. */
export function fromCustomerPathId(pathId: string): string | null {
  if (SHOPIFY_CUSTOMER_ID.test(pathId))
    return `gid://shopify/Customer/${pathId}`;
  const encoded = ENCODED_GID.exec(pathId)?.[1];
  const gid = encoded === undefined ? null : decodeBase64Url(encoded);
  return gid !== null &&
    gid.startsWith("gid://") &&
    toCustomerPathId(gid) === pathId
    ? gid
    : null;
}
