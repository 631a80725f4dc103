// CLI of the Shopify simulator: `node tests/simulator/main.ts --api-key … --api-secret … --app-url …
// [--port 0] [--shop kizuna-demo.myshopify.com --customers 3000 --seed 2026]`. Prints exactly one line,
// `Simulator listening on <origin>`, once it is ready (and the shop seeded), and stops on SIGINT/SIGTERM.
import { parseArgs } from "node:util";
import { SimulatorClient } from "../support/simulator.ts";
import { startSimulator } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    "api-key": { type: "string" },
    "api-secret": { type: "string" },
    "app-url": { type: "string" },
    "app-toml": { type: "string" },
    shop: { type: "string" },
    customers: { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
  },
});

const apiKey = values["api-key"];
const apiSecret = values["api-secret"];
const appUrl = values["app-url"];
if (!apiKey || !apiSecret || !appUrl) {
  process.stderr.write("usage: node tests/simulator/main.ts --api-key <key> --api-secret <secret> --app-url <origin> [--port <n>] [--shop <domain> --customers <n> --seed <n>]\n");
  process.exit(2);
}

const simulator = await startSimulator({
  port: Number(values.port),
  apiKey,
  apiSecret,
  appUrl,
  ...(values["app-toml"] ? { appTomlPath: values["app-toml"] } : {}),
});
if (values.shop) {
  await new SimulatorClient(simulator.origin).seedShop({ shop: values.shop, customers: Number(values.customers), seed: Number(values.seed) });
}
process.stdout.write(`Simulator listening on ${simulator.origin}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await simulator.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
