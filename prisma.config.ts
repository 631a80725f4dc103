import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

// The CLI reaches SQLite through the libsql driver adapter, so no Rust engine is needed. The app runs on
// its own node:sqlite adapter (docs/decisions/013); the CLI's processes are short, so libsql's leaks
// do not matter here, `migrate diff` gets its shadow database from this adapter, and it runs on Node 20 too.
const url = process.env.DATABASE_URL ?? "file:prisma/dev.sqlite";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaLibSQL({ url }),
});
