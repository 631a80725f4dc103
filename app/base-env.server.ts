import { z } from "zod";

// The variables every Kizuna process reads, the `kizuna` command line included: where the database
// is and how much to log. app/env.server.ts adds the app's own; the CLI needs no Shopify secrets.
export const baseEnvSchema = z.object({
  DATABASE_URL: z.string().min(1).default("file:prisma/dev.sqlite"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export function parseEnvWith<Schema extends z.ZodType>(schema: Schema, source: NodeJS.ProcessEnv): z.infer<Schema> {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  return result.data;
}

export const baseEnv = parseEnvWith(baseEnvSchema, process.env);
