// Shop-domain login: `login` (shopify.server.ts) turns the domain into Shopify's install/OAuth
// redirect, or answers with what is wrong with it.
import { Form } from "@remix-run/react";
import { Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import type { LoginError } from "@shopify/shopify-app-remix/server";
import { useState } from "react";
import { useTranslation } from "react-i18next";

// Keyed by the values of the library's LoginErrorType; the enum itself would pull the server
// package into the browser bundle.
const ERROR_KEYS = {
  MISSING_SHOP: "login.errors.missingShop",
  INVALID_SHOP: "login.errors.invalidShop",
} as const;

/** Without an `action`, the form posts to the current URL, so its query (a chosen `locale`) stays. */
export function LoginForm({ errors, action }: { errors: LoginError; action?: string }) {
  const { t } = useTranslation();
  const [shop, setShop] = useState("");
  return (
    <Page narrowWidth>
      <Card>
        <Form method="post" action={action}>
          <FormLayout>
            <Text variant="headingMd" as="h1">
              {t("login.title")}
            </Text>
            <TextField
              type="text"
              name="shop"
              label={t("login.shopDomain")}
              helpText={t("login.shopDomainHelp")}
              value={shop}
              onChange={setShop}
              autoComplete="on"
              error={errors.shop ? t(ERROR_KEYS[errors.shop]) : undefined}
            />
            <Button submit variant="primary">
              {t("login.submit")}
            </Button>
          </FormLayout>
        </Form>
      </Card>
    </Page>
  );
}
