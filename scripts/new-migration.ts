// Writes the next migration: the difference between what the committed migrations build and
// schema.prisma. `prisma migrate dev` does not work with the JS schema engine, and
// `migrate diff --from-migrations` replays only part of each script through the libsql adapter
// (docs/decisions/003), so the committed migrations are applied to a scratch database with
// `migrate deploy` and read back with `db pull` instead.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), "kizuna-migration-"));
const scratchEnv = { ...process.env, CHECKPOINT_DISABLE: "1", DATABASE_URL: `file:${join(scratch, "db.sqlite")}` };
const prisma = (args: string[]) => execFileSync("prisma", args, { env: scratchEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

prisma(["migrate", "deploy"]);
const pulled = prisma(["db", "pull", "--print"]);
// `db pull --print` prefixes the schema with warnings about the adapter; the schema starts at its first block.
const schemaStart = pulled.search(/^(generator|datasource) /m);
const currentSchema = join(scratch, "current.prisma");
writeFileSync(currentSchema, pulled.slice(schemaStart));

const script = prisma(["migrate", "diff", "--from-schema-datamodel", currentSchema, "--to-schema-datamodel", "prisma/schema.prisma", "--script"]);
if (script.includes("This is an empty migration")) {
  console.log("schema.prisma matches the migrations: nothing to write");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = join("prisma/migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), script);
  console.log(`wrote ${join(dir, "migration.sql")}`);
}
