import { PrismaClient } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { baseEnv } from "./base-env.server.ts";

declare global {
  var kizunaPrisma: PrismaClient | undefined;
}

function createPrismaClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url: baseEnv.DATABASE_URL }) });
}

// Vite's dev server re-imports modules on change; keeping one client avoids leaking connections.
export const prisma: PrismaClient = globalThis.kizunaPrisma ?? createPrismaClient();
globalThis.kizunaPrisma = prisma;

// libsql sets no busy timeout and opens a connection per transaction, so in SQLite's default
// rollback journal a commit that meets a concurrent reader fails with SQLITE_BUSY. WAL lets
// readers and the one writer proceed together; the mode is stored in the file, so once is enough.
if (baseEnv.DATABASE_URL.startsWith("file:")) {
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
}
