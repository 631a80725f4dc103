// customers/create, customers/update, customers/delete and customers_email_marketing_consent/update
// (shopify-platform.md §7.3). Since API 2025-01 consent lives only in the consent topic; a 2024-10
// customer payload still carries it, so it is read when present. Only the fields Kizuna uses are kept.
import { z } from "zod";
import { parseIsoInstant } from "./timestamps.ts";
import {
  describeIssue,
  gidSchema,
  numericIdSchema,
  parseShopifyJson,
  toGid,
} from "./shopify-json.ts";
import type { PayloadError } from "./shopify-json.ts";

export type EmailConsent = {
  /** Shopify's lowercase state: subscribed, not_subscribed, pending, invalid, unsubscribed, redacted. */
  readonly state: string;
  readonly optInLevel: string | null;
  readonly consentUpdatedAt: Date | null;
};

export type CustomerFact = {
  readonly customerGid: string;
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
  readonly emailConsent: EmailConsent | null;
};

const consentSchema = z.object({
  state: z.string(),
  opt_in_level: z.string().nullable(),
  consent_updated_at: z.string().nullable(),
});

const customerSchema = z.object({
  admin_graphql_api_id: gidSchema("Customer"),
  email: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  created_at: z.string().nullable(),
  updated_at: z.string().nullable(),
  email_marketing_consent: consentSchema.nullish(),
});

const customerDeleteSchema = z.object({
  admin_graphql_api_id: gidSchema("Customer"),
});

const consentUpdateSchema = z.object({
  customer_id: numericIdSchema,
  email_marketing_consent: consentSchema,
});

export function parseCustomerPayload(
  rawBody: string,
): { ok: true; customer: CustomerFact } | PayloadError {
  const parsed = parseShopifyJson(rawBody);
  if (!parsed.ok) return parsed;
  const shape = customerSchema.safeParse(parsed.json);
  if (!shape.success) return describeIssue(shape.error);
  const customer = shape.data;
  const createdAt = readOptionalInstant(customer.created_at);
  const updatedAt = readOptionalInstant(customer.updated_at);
  if (createdAt === undefined)
    return { ok: false, reason: "MALFORMED_TIMESTAMP", path: "created_at" };
  if (updatedAt === undefined)
    return { ok: false, reason: "MALFORMED_TIMESTAMP", path: "updated_at" };
  let emailConsent: EmailConsent | null = null;
  if (customer.email_marketing_consent) {
    const read = readConsent(
      customer.email_marketing_consent,
      "email_marketing_consent.",
    );
    if (!read.ok) return read;
    emailConsent = read.consent;
  }
  return {
    ok: true,
    customer: {
      customerGid: customer.admin_graphql_api_id,
      email: customer.email,
      firstName: customer.first_name,
      lastName: customer.last_name,
      createdAt,
      updatedAt,
      emailConsent,
    },
  };
}

export function parseCustomerDeletePayload(
  rawBody: string,
): { ok: true; customerGid: string } | PayloadError {
  const parsed = parseShopifyJson(rawBody);
  if (!parsed.ok) return parsed;
  const shape = customerDeleteSchema.safeParse(parsed.json);
  if (!shape.success) return describeIssue(shape.error);
  return { ok: true, customerGid: shape.data.admin_graphql_api_id };
}

/** The consent topic has no GID: it is built from the exact digits of `customer_id`. */
export function parseEmailConsentPayload(
  rawBody: string,
): { ok: true; customerGid: string; consent: EmailConsent } | PayloadError {
  const parsed = parseShopifyJson(rawBody);
  if (!parsed.ok) return parsed;
  const shape = consentUpdateSchema.safeParse(parsed.json);
  if (!shape.success) return describeIssue(shape.error);
  const read = readConsent(
    shape.data.email_marketing_consent,
    "email_marketing_consent.",
  );
  if (!read.ok) return read;
  return {
    ok: true,
    customerGid: toGid("Customer", shape.data.customer_id),
    consent: read.consent,
  };
}

function readConsent(
  consent: z.infer<typeof consentSchema>,
  path: string,
): { ok: true; consent: EmailConsent } | PayloadError {
  const consentUpdatedAt = readOptionalInstant(consent.consent_updated_at);
  if (consentUpdatedAt === undefined)
    return {
      ok: false,
      reason: "MALFORMED_TIMESTAMP",
      path: `${path}consent_updated_at`,
    };
  return {
    ok: true,
    consent: {
      state: consent.state,
      optInLevel: consent.opt_in_level,
      consentUpdatedAt,
    },
  };
}

/** null stays null; undefined means the text was present but not an instant. */
function readOptionalInstant(text: string | null): Date | null | undefined {
  if (text === null) return null;
  return parseIsoInstant(text) ?? undefined;
}
