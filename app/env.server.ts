import { z } from "zod";
import { baseEnvSchema, parseEnvWith } from "./base-env.server.ts";

// Every environment variable the app reads, validated once at boot; .env.example and the README
// configuration table mirror this schema. DATABASE_URL and LOG_LEVEL live in base-env.server.ts.
const envSchema = baseEnvSchema.extend({
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  SHOPIFY_APP_URL: z.url(),
  SCOPES: z.string().optional(),
  /** Origin of the local Shopify simulator; unset in production, where Shopify itself is called. */
  SHOPIFY_ADMIN_ORIGIN: z.url().optional(),
  /** Where the embedded pages load App Bridge from; the CDN unless a local copy is configured. */
  APP_BRIDGE_URL: z.url().optional(),
  /** "off" when the job worker runs as its own process (`node scripts/worker.ts`). */
  JOB_WORKER: z.enum(["in-process", "off"]).default("in-process"),
  /** Where uploaded order files wait for their import job; workers in other processes must see it too. */
  IMPORT_UPLOAD_DIR: z.string().min(1).default("data/imports"),
  /** The largest order file the admin accepts, in bytes (gzip files count compressed). */
  IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(200_000_000),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  return parseEnvWith(envSchema, source);
}

export const env = parseEnv(process.env);
