// Adds or removes tags of one customer (shopify-platform.md §9.4). Shopify answers with a
// customers/update webhook, which Kizuna ingests like any other and which starts no sync.
export const TagsAdd = `#graphql
  mutation TagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      userErrors {
        field
        message
      }
    }
  }
`;

export const TagsRemove = `#graphql
  mutation TagsRemove($id: ID!, $tags: [String!]!) {
    tagsRemove(id: $id, tags: $tags) {
      userErrors {
        field
        message
      }
    }
  }
`;

export type TagsAddResult = {
  tagsAdd: {
    userErrors: Array<{ field: string[] | null; message: string }>;
  } | null;
};
export type TagsRemoveResult = {
  tagsRemove: {
    userErrors: Array<{ field: string[] | null; message: string }>;
  } | null;
};
