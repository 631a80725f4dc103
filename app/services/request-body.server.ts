/** Shopify's largest order payloads stay well under this; anything bigger is refused unread. */
export const WEBHOOK_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** Reads the body as text, or returns null as soon as it exceeds `limitBytes`. */
export async function readBodyWithin(request: Request, limitBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
