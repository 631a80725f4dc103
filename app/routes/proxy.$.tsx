import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server.ts";
import { findStorefrontVisitor } from "../services/storefront.server.ts";

// App proxy: Shopify forwards /apps/kizuna/* here and signs the query; the library verifies it.
export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.public.appProxy(request);
  const url = new URL(request.url);
  return findStorefrontVisitor(url.searchParams.get("shop") ?? "", url.searchParams.get("logged_in_customer_id") ?? "");
}
