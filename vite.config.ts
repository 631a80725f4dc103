import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: false;
  }
}

export default defineConfig({
  server: { host: "127.0.0.1", port: Number(process.env.PORT ?? 3000) },
  plugins: [
    !process.env.VITEST &&
      remix({
        ignoredRouteFiles: ["**/.*"],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_lazyRouteDiscovery: true,
          v3_singleFetch: false,
          v3_routeConfig: true,
        },
      }),
  ],
  // ES2022 for top-level await (db.server.ts); Shopify admin supports only current browsers anyway.
  build: { assetsInlineLimit: 0, target: "es2022" },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "domain", include: ["app/domain/**/*.test.ts", "app/cli/**/*.test.ts", "tests/simulator/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "server",
          include: ["tests/integration/**/*.test.ts", "app/**/*.server.test.ts"],
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/server-env.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: ["tests/setup/global-setup.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
