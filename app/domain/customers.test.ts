import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCustomerDelete, applyCustomerUpdate, applyEmailConsent, type CustomerState } from "./customers.ts";
import type { CustomerFact, EmailConsent } from "./ingest/customer-payload.ts";

const GID = "gid://shopify/Customer/7";
const aCustomer = (overrides: Partial<CustomerFact> = {}): CustomerFact => ({
  customerGid: GID,
  email: "a@example.com",
  firstName: "Aiko",
  lastName: "Sato",
  createdAt: new Date("2025-01-01T00:00:00Z"),
  updatedAt: new Date("2025-01-01T00:00:00Z"),
  emailConsent: null,
  ...overrides,
});
const aConsent = (state: string, at: string | null): EmailConsent => ({ state, optInLevel: null, consentUpdatedAt: at === null ? null : new Date(at) });

type Event = { kind: "update"; fact: CustomerFact } | { kind: "consent"; consent: EmailConsent } | { kind: "delete" };
const apply = (state: CustomerState | null, event: Event): CustomerState =>
  event.kind === "update" ? applyCustomerUpdate(state, event.fact) : event.kind === "consent" ? applyEmailConsent(state, GID, event.consent) : applyCustomerDelete(GID);

describe("applyCustomerUpdate", () => {
  it("keeps the profile with the newer updated_at", () => {
    const newer = aCustomer({ firstName: "Aiko-new", updatedAt: new Date("2025-02-01T00:00:00Z") });
    expect(applyCustomerUpdate(applyCustomerUpdate(null, newer), aCustomer())?.profile?.firstName).toBe("Aiko-new");
    expect(applyCustomerUpdate(applyCustomerUpdate(null, aCustomer()), newer)?.profile?.firstName).toBe("Aiko-new");
  });

  it("changes nothing once the customer is deleted", () => {
    expect(applyCustomerUpdate(applyCustomerDelete(GID), aCustomer())).toEqual({ customerGid: GID, profile: null, emailConsent: null, deleted: true });
  });
});

describe("applyEmailConsent", () => {
  it("keeps the consent with the newer consent_updated_at, and treats a missing one as oldest", () => {
    const state = applyEmailConsent(applyEmailConsent(null, GID, aConsent("subscribed", "2025-03-01T00:00:00Z")), GID, aConsent("unsubscribed", null));
    expect(state.emailConsent?.state).toBe("subscribed");
    expect(state.profile).toBeNull();
  });
});

describe("customer events in any order", () => {
  it("end in the same state for every permutation, repeated or not", () => {
    const events: Event[] = [
      { kind: "update", fact: aCustomer() },
      { kind: "update", fact: aCustomer({ email: null }) },
      { kind: "update", fact: aCustomer({ lastName: "Ito", updatedAt: new Date("2025-02-01T00:00:00Z") }) },
      { kind: "consent", consent: aConsent("subscribed", null) },
      { kind: "consent", consent: aConsent("not_subscribed", null) },
      { kind: "consent", consent: aConsent("unsubscribed", "2025-03-01T00:00:00Z") },
    ];
    const reference = events.reduce<CustomerState | null>(apply, null);
    expect(reference).toMatchObject({ profile: { lastName: "Ito" }, emailConsent: { state: "unsubscribed" } });
    fc.assert(
      fc.property(fc.shuffledSubarray([...events, ...events], { minLength: 12, maxLength: 12 }), (shuffled) => {
        expect(shuffled.reduce<CustomerState | null>(apply, null)).toEqual(reference);
      }),
    );
  });
});
