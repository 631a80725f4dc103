// Creates one metafield definition; `TAKEN` means it exists already (another worker was first).
export const MetafieldDefinitionCreate = `#graphql
  mutation MetafieldDefinitionCreate($definition: MetafieldDefinitionInput!) {
    metafieldDefinitionCreate(definition: $definition) {
      createdDefinition {
        id
        key
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export type MetafieldDefinitionCreateResult = {
  metafieldDefinitionCreate: {
    createdDefinition: { id: string; key: string } | null;
    userErrors: Array<{
      field: string[] | null;
      message: string;
      code: string | null;
    }>;
  } | null;
};
