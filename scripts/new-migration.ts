// Writes the next migration from the difference between the committed migrations and
// schema.prisma. `prisma migrate dev` does not work with the JS schema engine (docs/decisions/003).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join("prisma/migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
const file = join(dir, "migration.sql");
execFileSync(
  "prisma",
  ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script", "-o", file],
  { stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } },
);
if (readFileSync(file, "utf8").includes("This is an empty migration")) {
  rmSync(dir, { recursive: true });
  console.log("schema.prisma matches the migrations: nothing to write");
} else {
  console.log(`wrote ${file}`);
}
