// Polling a bulk operation by id, which stays right with several operations running at once
// (shopify-platform.md §9.2); currentBulkOperation would name only the latest.
export const BulkOperationStatus = `#graphql
  query BulkOperationStatus($id: ID!) {
    node(id: $id) {
      ... on BulkOperation {
        id
        status
        errorCode
        objectCount
        rootObjectCount
        url
      }
    }
  }
`;

export type BulkOperationStatusResult = {
  node: {
    id: string;
    status: string;
    errorCode: string | null;
    /** UnsignedInt64, printed as a string. */
    objectCount: string;
    rootObjectCount: string;
    url: string | null;
  } | null;
};
