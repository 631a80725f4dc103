// A customer's GID as one URL path segment for the admin's profile page. Shopify customers use their
// numeric id, as Shopify admin's own URLs do; customers Kizuna knows only from an imported file have
// GIDs with any characters in them (gid://kizuna/Customer/external:…), so they travel as "k" and the
// base64url of the GID's UTF-8 bytes, which a path segment carries unchanged.
const SHOPIFY_CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d+)$/;
const SHOPIFY_CUSTOMER_ID = /^\d+$/;
const ENCODED_GID = /^k([A-Za-z0-9_-]+)$/;

export function toCustomerPathId(customerGid: string): string {
  const shopifyId = SHOPIFY_CUSTOMER_GID.exec(customerGid)?.[1];
  if (shopifyId !== undefined) return shopifyId;
  let binary = "";
  for (const byte of new TextEncoder().encode(customerGid)) binary += String.fromCharCode(byte);
  return `k${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}

/** The GID a path segment names; null for a segment no customer GID produces. */
export function fromCustomerPathId(pathId: string): string | null {
  if (SHOPIFY_CUSTOMER_ID.test(pathId)) return `gid://shopify/Customer/${pathId}`;
  const encoded = ENCODED_GID.exec(pathId)?.[1];
  if (encoded === undefined) return null;
  try {
    const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    const gid = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
    return gid.startsWith("gid://") && toCustomerPathId(gid) === pathId ? gid : null;
  } catch {
    return null;
  }
}
