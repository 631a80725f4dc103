import { describe, expect, it } from "vitest";
import { BackfillCustomers } from "../../shopify/operations/BackfillCustomers.ts";
import { bulkJsonlLines, customerWebhookBodies, generateTestShop } from "../../../tests/support/simulated-bulk.ts";
import { applyCustomerUpdate, applyEmailConsent } from "../customers.ts";
import { readBulkCustomer } from "./bulk-customers.ts";
import { parseCustomerPayload, parseEmailConsentPayload } from "./customer-payload.ts";

const customerLine = {
  id: "gid://shopify/Customer/7000000042",
  email: "hanako@example.com",
  firstName: "花子",
  lastName: "山田",
  createdAt: "2025-04-01T00:00:00Z",
  updatedAt: "2026-02-01T09:30:00Z",
  emailMarketingConsent: { marketingState: "SUBSCRIBED", marketingOptInLevel: "CONFIRMED_OPT_IN", consentUpdatedAt: "2025-04-01T00:00:00Z" },
};

describe("readBulkCustomer", () => {
  it("reads the profile and the e-mail consent in the webhooks' lower case", () => {
    expect(readBulkCustomer(customerLine)).toEqual({
      ok: true,
      customer: {
        customerGid: "gid://shopify/Customer/7000000042",
        email: "hanako@example.com",
        firstName: "花子",
        lastName: "山田",
        createdAt: new Date("2025-04-01T00:00:00Z"),
        updatedAt: new Date("2026-02-01T09:30:00Z"),
        emailConsent: { state: "subscribed", optInLevel: "confirmed_opt_in", consentUpdatedAt: new Date("2025-04-01T00:00:00Z") },
      },
    });
  });

  it("reads a customer without an e-mail address, who has no consent", () => {
    const read = readBulkCustomer({ ...customerLine, email: null, emailMarketingConsent: null });
    expect(read.ok && [read.customer.email, read.customer.emailConsent]).toEqual([null, null]);
  });

  it.each([
    ["a line that is not a customer", { ...customerLine, id: "gid://shopify/Order/1" }, { reason: "UNEXPECTED_SHAPE", path: "id" }],
    ["a malformed consent instant", { ...customerLine, emailMarketingConsent: { ...customerLine.emailMarketingConsent, consentUpdatedAt: "yesterday" } }, { reason: "MALFORMED_TIMESTAMP", path: "emailMarketingConsent.consentUpdatedAt" }],
  ])("names the path of %s", (_label, line, error) => {
    expect(readBulkCustomer(line)).toEqual({ ok: false, ...error });
  });
});

describe("the customers bulk query against the simulated shop", () => {
  it("gives every customer the state its customers/update and consent webhooks give", () => {
    const state = generateTestShop();
    const lines = bulkJsonlLines(state, BackfillCustomers);
    expect(lines).toHaveLength(state.customers.size);
    for (const text of lines) {
      const read = readBulkCustomer(JSON.parse(text));
      if (!read.ok) throw new Error(`customer line unreadable: ${read.reason} at ${read.path}`);
      const bodies = customerWebhookBodies(state, state.customers.get(read.customer.customerGid)!);
      const profile = parseCustomerPayload(bodies.profile);
      const consent = parseEmailConsentPayload(bodies.consent);
      if (!profile.ok || !consent.ok) throw new Error("webhook unreadable");
      const fromWebhooks = applyEmailConsent(applyCustomerUpdate(null, profile.customer), consent.customerGid, consent.consent);
      expect(applyCustomerUpdate(null, read.customer)).toEqual(fromWebhooks);
    }
  });
});
