// One line of the backfill's customers bulk query (app/shopify/operations/BackfillCustomers.ts) →
// the CustomerFact the customers/* webhooks give, with the e-mail marketing consent that webhooks
// since 2025-01 carry only in their own topic: states and opt-in levels in Shopify's lower case.
import { z } from "zod";
import type { CustomerFact, EmailConsent } from "./customer-payload.ts";
import { describeIssue, gidSchema } from "./shopify-json.ts";
import type { PayloadError } from "./shopify-json.ts";
import { parseIsoInstant } from "./timestamps.ts";

const bulkCustomerSchema = z.object({
  id: gidSchema("Customer"),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  emailMarketingConsent: z
    .object({
      marketingState: z.string(),
      marketingOptInLevel: z.string().nullable(),
      consentUpdatedAt: z.string().nullable(),
    })
    .nullable(),
});

export function readBulkCustomer(customerLine: unknown): { ok: true; customer: CustomerFact } | PayloadError {
  const shape = bulkCustomerSchema.safeParse(customerLine);
  if (!shape.success) return describeIssue(shape.error);
  const customer = shape.data;
  const createdAt = parseIsoInstant(customer.createdAt);
  const updatedAt = parseIsoInstant(customer.updatedAt);
  if (createdAt === null) return { ok: false, reason: "MALFORMED_TIMESTAMP", path: "createdAt" };
  if (updatedAt === null) return { ok: false, reason: "MALFORMED_TIMESTAMP", path: "updatedAt" };
  let emailConsent: EmailConsent | null = null;
  if (customer.emailMarketingConsent !== null) {
    const { marketingState, marketingOptInLevel, consentUpdatedAt } = customer.emailMarketingConsent;
    const consentAt = consentUpdatedAt === null ? null : parseIsoInstant(consentUpdatedAt);
    if (consentUpdatedAt !== null && consentAt === null) {
      return { ok: false, reason: "MALFORMED_TIMESTAMP", path: "emailMarketingConsent.consentUpdatedAt" };
    }
    emailConsent = { state: marketingState.toLowerCase(), optInLevel: marketingOptInLevel?.toLowerCase() ?? null, consentUpdatedAt: consentAt };
  }
  return {
    ok: true,
    customer: {
      customerGid: customer.id,
      email: customer.email,
      firstName: customer.firstName,
      lastName: customer.lastName,
      createdAt,
      updatedAt,
      emailConsent,
    },
  };
}
