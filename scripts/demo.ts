// `npm run demo`: Kizuna against a local Shopify simulator, no Shopify account needed. Migrates a
// local SQLite database, builds and starts the app, plays Shopify (Admin API, token exchange,
// webhooks, App Bridge) for a generated shop, installs Kizuna on it through the real session-token
// path and prints the admin URL.
import { execFileSync, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { startSimulator } from "../tests/simulator/server.ts";
import { SimulatorClient } from "../tests/support/simulator.ts";
import { stopProcess } from "../tests/support/app.ts";
import { BROWSER_USER_AGENT } from "../tests/support/browser-agent.ts";

const projectRoot = resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const apiKey = process.env.SHOPIFY_API_KEY ?? "kizuna-demo-api-key";
// A fixed secret keeps the demo zero-configuration; it signs nothing outside this machine.
const apiSecret = process.env.SHOPIFY_API_SECRET ?? "kizuna-demo-api-secret";
const databaseUrl = process.env.DATABASE_URL ?? "file:prisma/demo.sqlite";
const shop = "kizuna-demo.myshopify.com";
const customers = Number(process.env.DEMO_CUSTOMERS ?? 3000);
const appUrl = `http://localhost:${port}`;
const bin = (name: string) => join(projectRoot, "node_modules/.bin", name);

function step(message: string): void {
  process.stdout.write(`· ${message}\n`);
}

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  try {
    execFileSync(command, args, { cwd: projectRoot, stdio: "pipe", env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env } });
  } catch (error) {
    const failure = error as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(`${failure.stdout?.toString() ?? ""}${failure.stderr?.toString() ?? ""}`);
    throw new Error(`${command} ${args.join(" ")} failed`);
  }
}

step("migrating the demo database");
run(bin("prisma"), ["migrate", "deploy"], { DATABASE_URL: databaseUrl });
step("building the app");
run(bin("remix"), ["vite:build"]);

const simulator = await startSimulator({ port: 0, apiKey, apiSecret, appUrl });
const client = new SimulatorClient(simulator.origin);
step(`Shopify simulator on ${simulator.origin}; generating ${customers} customers for ${shop}`);
await client.seedShop({ shop, customers, seed: 2026 });

const app = spawn(bin("node"), [join(projectRoot, "node_modules/@remix-run/serve/dist/cli.js"), "build/server/index.js"], {
  cwd: projectRoot,
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    SHOPIFY_API_KEY: apiKey,
    SHOPIFY_API_SECRET: apiSecret,
    SHOPIFY_APP_URL: appUrl,
    DATABASE_URL: databaseUrl,
    SHOPIFY_ADMIN_ORIGIN: simulator.origin,
    APP_BRIDGE_URL: `${simulator.origin}/cdn/app-bridge.js`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  },
});

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await stopProcess(app);
    await simulator.close();
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
app.on("exit", (code) => {
  if (!stopping) {
    process.stderr.write(`the app stopped unexpectedly (exit ${code})\n`);
    void stop(1);
  }
});

await waitUntilHealthy(`${appUrl}/healthz`);

// Opening the app once with a fresh session token is what Shopify admin does on install: the app
// exchanges the token for an offline access token and records the shop.
const host = Buffer.from(`${shop}/admin`).toString("base64url");
const adminUrl = (token: string, locale: string) =>
  `${appUrl}/app?embedded=1&shop=${shop}&host=${host}&locale=${locale}&id_token=${token}`;
const install = await fetch(adminUrl(await client.sessionToken(shop), "ja"), {
  headers: { "User-Agent": BROWSER_USER_AGENT },
});
if (!install.ok) {
  process.stderr.write(`installing the demo shop failed: HTTP ${install.status}\n`);
  await stop(1);
}
step("installed Kizuna on the demo shop (token exchange done); press Ctrl-C to stop");
process.stdout.write(`Kizuna demo: ${adminUrl(await client.sessionToken(shop), "ja")}\n`);

async function waitUntilHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // still starting
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the app did not answer ${url}`);
}
