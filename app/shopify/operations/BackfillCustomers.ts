// The customers bulk query of the history backfill: every customer, also those who never ordered,
// with the profile and e-mail marketing consent the customers/* webhooks carry
// (app/domain/ingest/bulk-customers.ts reads a line into the same CustomerFact).
export const BackfillCustomers = `{
  customers {
    edges {
      node {
        id
        email
        firstName
        lastName
        createdAt
        updatedAt
        emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
      }
    }
  }
}`;
