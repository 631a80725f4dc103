import { z } from "zod";

// Every environment variable Kizuna reads, validated once at boot; .env.example and the README
// configuration table mirror this schema.
const envSchema = z.object({
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  SHOPIFY_APP_URL: z.url(),
  SCOPES: z.string().optional(),
  DATABASE_URL: z.string().min(1).default("file:prisma/dev.sqlite"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Origin of the local Shopify simulator; unset in production, where Shopify itself is called. */
  SHOPIFY_ADMIN_ORIGIN: z.url().optional(),
  /** Where the embedded pages load App Bridge from; the CDN unless a local copy is configured. */
  APP_BRIDGE_URL: z.url().optional(),
  /** "off" when the job worker runs as its own process (`node scripts/worker.ts`). */
  JOB_WORKER: z.enum(["in-process", "off"]).default("in-process"),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return result.data;
}

export const env = parseEnv(process.env);
