export const ShopProfile = `#graphql
  query ShopProfile {
    shop {
      name
      currencyCode
      ianaTimezone
    }
    currentAppInstallation {
      accessScopes {
        handle
      }
    }
  }
`;

export type ShopProfileResult = {
  shop: { name: string; currencyCode: string; ianaTimezone: string };
  currentAppInstallation: { accessScopes: Array<{ handle: string }> };
};
