// Runs Prisma interactive transactions through app/db.server.ts in a process of its own, and reports
// how many file descriptors the process had open before and after them (tests/integration/database-leaks.test.ts).
//
//   DATABASE_URL=file:… node tests/support/many-transactions.ts <transactions>
import { readdirSync } from "node:fs";
import { prisma } from "../../app/db.server.ts";

const transactions = Number(process.argv[2]);
const SHOP = "leak-check.myshopify.com";
const openDescriptors = () => readdirSync("/proc/self/fd").length;

await prisma.shop.create({ data: { domain: SHOP } });
// One transaction first, so that the database's WAL and shared-memory files are open before counting.
await prisma.$transaction((tx) => tx.shop.findUnique({ where: { domain: SHOP } }));
const before = openDescriptors();
for (let done = 1; done <= transactions; done += 1) {
  await prisma.$transaction((tx) => tx.shop.update({ where: { domain: SHOP }, data: { name: `transaction ${done}` } }));
}
const after = openDescriptors();
const { name } = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
await prisma.$disconnect();
process.stdout.write(`${JSON.stringify({ before, after, lastName: name })}\n`);
