// The customer metafield definitions in Kizuna's namespace (shopify-platform.md §9.3, §10.2): created
// once per install with storefront PUBLIC_READ, so theme app extension blocks can read the values in
// Liquid, and admin MERCHANT_READ, so the merchant sees them on the customer page but cannot edit what
// Kizuna owns. Idempotent: existing definitions are looked up first, and TAKEN means another worker
// created one meanwhile.
import {
  CUSTOMER_METAFIELD_DEFINITIONS,
  METAFIELD_NAMESPACE,
} from "../../domain/sync/customer-metafields.ts";
import { log } from "../../log.server.ts";
import { forgetWrittenMetafields } from "../../models/customer-syncs.server.ts";
import { saveDefinitionsReady } from "../../models/sync-settings.server.ts";
import {
  adminGraphql,
  requireNoUserErrors,
} from "../../shopify/admin-client.server.ts";
import {
  CustomerMetafieldDefinitions,
  type CustomerMetafieldDefinitionsResult,
} from "../../shopify/operations/CustomerMetafieldDefinitions.ts";
import {
  MetafieldDefinitionCreate,
  type MetafieldDefinitionCreateResult,
} from "../../shopify/operations/MetafieldDefinitionCreate.ts";

export type DefinitionsOutcome = {
  readonly created: string[];
  readonly existing: string[];
};

/**
 * Creates the definitions Shopify does not have. When any had to be created, the values Kizuna wrote
 * before (under an earlier install) may be gone with them, so every customer's metafields are written
 * again by the next sync.
 */
export async function ensureCustomerMetafieldDefinitions(
  shop: string,
  now: Date,
): Promise<DefinitionsOutcome> {
  const { data } = await adminGraphql<CustomerMetafieldDefinitionsResult>(
    shop,
    CustomerMetafieldDefinitions,
    { namespace: METAFIELD_NAMESPACE },
  );
  const found = new Map(
    data.metafieldDefinitions.nodes.map((node) => [node.key, node]),
  );
  const created: string[] = [];
  for (const definition of CUSTOMER_METAFIELD_DEFINITIONS) {
    const existing = found.get(definition.key);
    if (existing !== undefined) {
      if (existing.access.storefront !== "PUBLIC_READ")
        log.warn("metafield definition not readable on the storefront", {
          shop,
          key: definition.key,
        });
      continue;
    }
    const response = await adminGraphql<MetafieldDefinitionCreateResult>(
      shop,
      MetafieldDefinitionCreate,
      {
        definition: {
          name: definition.name,
          namespace: METAFIELD_NAMESPACE,
          key: definition.key,
          type: definition.type,
          description: definition.description,
          ownerType: "CUSTOMER",
          access: { admin: "MERCHANT_READ", storefront: "PUBLIC_READ" },
        },
      },
    );
    const userErrors =
      response.data.metafieldDefinitionCreate?.userErrors ?? [];
    if (userErrors.some((error) => error.code === "TAKEN")) continue;
    requireNoUserErrors("metafieldDefinitionCreate", userErrors);
    created.push(definition.key);
  }
  await saveDefinitionsReady(shop, now);
  if (created.length > 0) {
    const forgotten = await forgetWrittenMetafields(shop);
    log.info("customer metafield definitions created", {
      shop,
      created: created.join(","),
      customersToRewrite: forgotten,
    });
  }
  return { created, existing: [...found.keys()] };
}
