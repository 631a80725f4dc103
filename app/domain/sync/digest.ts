// A digest of a value Kizuna wrote to Shopify, stored so the next sync writes only what changed.
// It guards against rewriting our own unchanged values, not against an adversary, so it need not be
// cryptographic: SHA-256 in plain JavaScript (app/domain/sha256.ts) costs about 30 µs per value, which
// is half a minute of the event loop for 200,000 customers' four metafields. This is cyrb53's mixing
// run with two full 32-bit lanes, 64 bits in all: two different values of one key share a digest with
// a chance of about 2^-64.

/** 16 lowercase hex digits; equal texts give equal digests on every run and every machine. */
export function digest64(text: string): string {
  let left = 0xdeadbeef;
  let right = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    left = Math.imul(left ^ unit, 2654435761);
    right = Math.imul(right ^ unit, 1597334677);
  }
  left =
    Math.imul(left ^ (left >>> 16), 2246822507) ^
    Math.imul(right ^ (right >>> 13), 3266489909);
  right =
    Math.imul(right ^ (right >>> 16), 2246822507) ^
    Math.imul(left ^ (left >>> 13), 3266489909);
  return (
    (right >>> 0).toString(16).padStart(8, "0") +
    (left >>> 0).toString(16).padStart(8, "0")
  );
}
