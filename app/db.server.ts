import { PrismaClient } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { env } from "./env.server.ts";

declare global {
  var kizunaPrisma: PrismaClient | undefined;
}

function createPrismaClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url: env.DATABASE_URL }) });
}

// Vite's dev server re-imports modules on change; keeping one client avoids leaking connections.
export const prisma: PrismaClient = globalThis.kizunaPrisma ?? createPrismaClient();
globalThis.kizunaPrisma = prisma;
