// The customer metafield definitions in Kizuna's namespace, to create only the missing ones
// (shopify-platform.md §9.3). Kizuna defines four, far below one page.
export const CustomerMetafieldDefinitions = `#graphql
  query CustomerMetafieldDefinitions($namespace: String!) {
    metafieldDefinitions(first: 50, ownerType: CUSTOMER, namespace: $namespace) {
      nodes {
        id
        key
        type {
          name
        }
        access {
          admin
          storefront
        }
      }
    }
  }
`;

export type CustomerMetafieldDefinitionsResult = {
  metafieldDefinitions: {
    nodes: Array<{
      id: string;
      key: string;
      type: { name: string };
      access: { admin: string | null; storefront: string | null };
    }>;
  };
};
