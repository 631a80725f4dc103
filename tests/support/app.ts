import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createTestDatabase, projectRoot } from "./database.ts";
import { reservePort } from "./ports.ts";

export { reservePort };

export const TEST_API_KEY = "kizuna-test-api-key";
export const TEST_API_SECRET = "kizuna-test-api-secret";

export type RunningApp = {
  origin: string;
  /** The app's process id, e.g. for reading its CPU time. */
  pid: number;
  port: number;
  apiKey: string;
  apiSecret: string;
  databaseUrl: string;
  /** Everything the app printed, for assertions on log lines. */
  output: () => string;
  close: () => Promise<void>;
  /** Ends the process at once, as a crash or an OOM kill would: no shutdown, no flush. */
  kill: () => Promise<void>;
};

export type StartAppOptions = {
  port?: number;
  adminOrigin?: string;
  appBridgeUrl?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
};

/** Starts the built app (`npm run build` first) with remix-serve on loopback, as production runs it. */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const port = options.port ?? (await reservePort());
  const origin = `http://127.0.0.1:${port}`;
  const databaseUrl = options.databaseUrl ?? createTestDatabase().url;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    TZ: "UTC",
    PORT: String(port),
    HOST: "127.0.0.1",
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_API_SECRET,
    SHOPIFY_APP_URL: origin,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "warn",
    ...(options.adminOrigin ? { SHOPIFY_ADMIN_ORIGIN: options.adminOrigin } : {}),
    ...(options.appBridgeUrl ? { APP_BRIDGE_URL: options.appBridgeUrl } : {}),
    ...options.env,
  };
  const child = spawn(
    join(projectRoot, "node_modules/.bin/node"),
    [join(projectRoot, "node_modules/@remix-run/serve/dist/cli.js"), join(projectRoot, "build/server/index.js")],
    { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitForHealthy(origin, child, () => output);
  return {
    origin,
    pid: child.pid!,
    port,
    apiKey: TEST_API_KEY,
    apiSecret: env.SHOPIFY_API_SECRET!,
    databaseUrl,
    output: () => output,
    close: () => stopProcess(child),
    kill: () => killProcess(child),
  };
}

async function waitForHealthy(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`app did not become healthy:\n${output()}`);
}

function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
