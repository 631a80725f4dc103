import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

// The CLI reaches SQLite through the same libsql driver as the app, so no Rust engine is needed.
const url = process.env.DATABASE_URL ?? "file:prisma/dev.sqlite";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaLibSQL({ url }),
});
