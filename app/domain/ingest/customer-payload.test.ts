import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseCustomerDeletePayload,
  parseCustomerPayload,
  parseEmailConsentPayload,
} from "./customer-payload.ts";

const readFixture = (name: string) =>
  readFileSync(
    new URL(
      `../../../../shared/fixtures/shopify-webhooks/${name}`,
      import.meta.url,
    ),
    "utf8",
  );

describe("parseCustomerPayload", () => {
  it("reads Shopify's documented customers/create example of 2026-04, which has no consent", () => {
    expect(
      parseCustomerPayload(
        readFixture("customers-create.docs-example.2026-04.json"),
      ),
    ).toEqual({
      ok: true,
      customer: {
        customerGid: "gid://shopify/Customer/706405506930370084",
        email: "bob@biller.com",
        firstName: "Bob",
        lastName: "Biller",
        createdAt: new Date("2022-01-01T00:00:00Z"),
        updatedAt: new Date("2022-01-01T00:00:00Z"),
        emailConsent: null,
      },
    });
  });

  it("reads the consent that a 2024-10 payload still carries", () => {
    expect(
      parseCustomerPayload(
        readFixture("customers-create.docs-example.2024-10.json"),
      ),
    ).toEqual({
      ok: true,
      customer: {
        customerGid: "gid://shopify/Customer/706405506930370084",
        email: null,
        firstName: "Bob",
        lastName: "Biller",
        createdAt: new Date("2022-01-01T00:00:00Z"),
        updatedAt: new Date("2022-01-01T00:00:00Z"),
        emailConsent: {
          state: "not_subscribed",
          optInLevel: null,
          consentUpdatedAt: null,
        },
      },
    });
  });

  it("rejects a customer without a GID", () => {
    expect(
      parseCustomerPayload(
        readFixture("customers-delete.docs-example.2026-04.json").replace(
          "gid://shopify/Customer/",
          "gid://shopify/Order/",
        ),
      ),
    ).toEqual({
      ok: false,
      reason: "UNEXPECTED_SHAPE",
      path: "admin_graphql_api_id",
    });
  });
});

describe("parseCustomerDeletePayload", () => {
  it("reads Shopify's documented customers/delete example", () => {
    expect(
      parseCustomerDeletePayload(
        readFixture("customers-delete.docs-example.2026-04.json"),
      ),
    ).toEqual({
      ok: true,
      customerGid: "gid://shopify/Customer/706405506930370084",
    });
  });
});

describe("parseEmailConsentPayload", () => {
  it("reads Shopify's documented consent example, building the GID from the raw customer_id digits", () => {
    expect(
      parseEmailConsentPayload(
        readFixture(
          "customers_email_marketing_consent-update.docs-example.2026-04.json",
        ),
      ),
    ).toEqual({
      ok: true,
      customerGid: "gid://shopify/Customer/706405506930370000",
      consent: {
        state: "not_subscribed",
        optInLevel: null,
        consentUpdatedAt: null,
      },
    });
  });

  it("keeps a customer_id beyond 2^53 exact and reads the consent time", () => {
    const body =
      '{"customer_id":706405506930370084,"email_address":"bob@biller.com","email_marketing_consent":{"state":"subscribed","opt_in_level":"confirmed_opt_in","consent_updated_at":"2025-04-01T09:30:00+09:00"}}';
    expect(parseEmailConsentPayload(body)).toEqual({
      ok: true,
      customerGid: "gid://shopify/Customer/706405506930370084",
      consent: {
        state: "subscribed",
        optInLevel: "confirmed_opt_in",
        consentUpdatedAt: new Date("2025-04-01T00:30:00Z"),
      },
    });
  });

  it("rejects a malformed consent time", () => {
    const body =
      '{"customer_id":1,"email_marketing_consent":{"state":"subscribed","opt_in_level":null,"consent_updated_at":"April"}}';
    expect(parseEmailConsentPayload(body)).toEqual({
      ok: false,
      reason: "MALFORMED_TIMESTAMP",
      path: "email_marketing_consent.consent_updated_at",
    });
  });
});
