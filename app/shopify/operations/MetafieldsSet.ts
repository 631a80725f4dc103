// Writes up to 25 metafields at once, all or nothing (shopify-platform.md §9.3); a userError's
// elementIndex names the input element that failed.
export const MetafieldsSet = `#graphql
  mutation MetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
      }
      userErrors {
        field
        message
        code
        elementIndex
      }
    }
  }
`;

export type MetafieldsSetInput = {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
};

export type MetafieldsSetResult = {
  metafieldsSet: {
    metafields: Array<{ id: string }> | null;
    userErrors: Array<{
      field: string[] | null;
      message: string;
      code: string | null;
      elementIndex: number | null;
    }>;
  } | null;
};
