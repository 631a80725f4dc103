// What Kizuna knows about a customer, merged from unordered, repeated webhooks (product.md §1,
// style.md §7.5): the profile follows the newest updated_at, consent the newest consent_updated_at,
// equal instants are settled by content so any arrival order ends the same, and a deletion is final.
import type { CustomerFact, EmailConsent } from "./ingest/customer-payload.ts";

export type CustomerProfile = {
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
};

export type CustomerState = {
  readonly customerGid: string;
  /** Null until a customers/create or customers/update has landed (consent can come first). */
  readonly profile: CustomerProfile | null;
  readonly emailConsent: EmailConsent | null;
  readonly deleted: boolean;
};

export function applyCustomerUpdate(stored: CustomerState | null, incoming: CustomerFact): CustomerState {
  const base = stored ?? emptyCustomer(incoming.customerGid);
  if (base.deleted) return base;
  const profile: CustomerProfile = {
    email: incoming.email,
    firstName: incoming.firstName,
    lastName: incoming.lastName,
    createdAt: incoming.createdAt,
    updatedAt: incoming.updatedAt,
  };
  const withProfile = { ...base, profile: base.profile === null ? profile : preferProfile(base.profile, profile) };
  return incoming.emailConsent === null ? withProfile : applyEmailConsent(withProfile, incoming.customerGid, incoming.emailConsent);
}

export function applyEmailConsent(stored: CustomerState | null, customerGid: string, consent: EmailConsent): CustomerState {
  const base = stored ?? emptyCustomer(customerGid);
  if (base.deleted) return base;
  return { ...base, emailConsent: base.emailConsent === null ? consent : preferConsent(base.emailConsent, consent) };
}

/** Shopify never reuses a customer id, so a deleted customer keeps only its GID from now on. */
export function applyCustomerDelete(customerGid: string): CustomerState {
  return { customerGid, profile: null, emailConsent: null, deleted: true };
}

function emptyCustomer(customerGid: string): CustomerState {
  return { customerGid, profile: null, emailConsent: null, deleted: false };
}

function preferProfile(stored: CustomerProfile, incoming: CustomerProfile): CustomerProfile {
  const byTime = compareInstants(incoming.updatedAt, stored.updatedAt);
  if (byTime !== 0) return byTime > 0 ? incoming : stored;
  return contentKey(incoming) > contentKey(stored) ? incoming : stored;
}

function preferConsent(stored: EmailConsent, incoming: EmailConsent): EmailConsent {
  const byTime = compareInstants(incoming.consentUpdatedAt, stored.consentUpdatedAt);
  if (byTime !== 0) return byTime > 0 ? incoming : stored;
  return contentKey(incoming) > contentKey(stored) ? incoming : stored;
}

/** A missing instant is older than any instant. */
function compareInstants(a: Date | null, b: Date | null): number {
  return (a?.getTime() ?? Number.NEGATIVE_INFINITY) - (b?.getTime() ?? Number.NEGATIVE_INFINITY) || 0;
}

function contentKey(value: CustomerProfile | EmailConsent): string {
  return JSON.stringify(
    "state" in value
      ? [value.state, value.optInLevel]
      : [value.email, value.firstName, value.lastName, value.createdAt?.toISOString() ?? null],
  );
}
