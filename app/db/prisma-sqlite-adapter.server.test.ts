// Prisma through the node:sqlite adapter on a migrated SQLite file of its own: values of every column
// type the schema uses come back as they went in, constraint errors are Prisma's, and transactions
// hold the one connection so that nothing else joins or sees them.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { PrismaClient, Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, projectRoot } from "../../tests/support/database.ts";
import { isDatabaseBusy } from "../models/database-busy.server.ts";
import { SQLITE_CONNECTION_PRAGMAS } from "../sqlite-pragmas.ts";
import { PrismaNodeSqlite } from "./prisma-sqlite-adapter.server.ts";
import { SqliteConnection } from "./sqlite-connection.server.ts";

let databasePath: string;
let connection: SqliteConnection;
let prisma: PrismaClient;

beforeAll(() => {
  databasePath = createTestDatabase().path;
  connection = new SqliteConnection(databasePath, SQLITE_CONNECTION_PRAGMAS);
  prisma = new PrismaClient({ adapter: new PrismaNodeSqlite(connection) });
});

afterAll(async () => {
  await prisma.$disconnect();
});

let counter = 0;
const newDomain = () => `adapter-${(counter += 1)}.myshopify.com`;

/** Lets the event loop turn for a while, so that anything able to run now does. */
const letOthersRun = () => new Promise((resolve) => setTimeout(resolve, 50));

/** A transaction that has written and then waits, open, until `end` is called. */
function openTransaction(write: (tx: Prisma.TransactionClient) => Promise<unknown>, outcome: "commit" | "rollback") {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  let opened!: () => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const done = prisma.$transaction(async (tx) => {
    await write(tx);
    opened();
    await ended;
    if (outcome === "rollback") throw new Error("rolled back on purpose");
  });
  return { isOpen, end, done: outcome === "rollback" ? expect(done).rejects.toThrow("rolled back on purpose") : done };
}

describe("values", () => {
  it("round-trips String, Boolean, BigInt, DateTime and nulls (the Session model)", async () => {
    const session = {
      id: "offline_round-trip.myshopify.com",
      shop: "round-trip.myshopify.com",
      state: "",
      isOnline: true,
      scope: "read_orders,read_customers",
      expires: new Date("2026-11-26T01:02:03.456Z"),
      accessToken: "shpat_ありがとう",
      userId: 9_223_372_036_854_775_807n,
      firstName: "花子",
      lastName: null,
      email: null,
      accountOwner: false,
      locale: "ja",
      collaborator: null,
      emailVerified: true,
      refreshToken: null,
      refreshTokenExpires: null,
    };
    await prisma.session.create({ data: session });
    expect(await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).toEqual(session);
    expect(await prisma.session.findMany({ where: { userId: { gt: 9_007_199_254_740_993n }, isOnline: true }, select: { id: true } })).toEqual([{ id: session.id }]);
  });

  it("round-trips Int and Float, and an Int incremented in SQL (the Job and ShopAnalytics models)", async () => {
    const shop = newDomain();
    const job = await prisma.job.create({ data: { shop, name: "n", payload: "{}", runAt: new Date(0), maxAttempts: 2_147_483_647 } });
    await prisma.job.update({ where: { id: job.id }, data: { attempts: { increment: 3 } } });
    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id }, select: { attempts: true, maxAttempts: true, runAt: true, lockedUntil: true } })).toEqual({
      attempts: 3,
      maxAttempts: 2_147_483_647,
      runAt: new Date(0),
      lockedUntil: null,
    });
    const floats = { annualDiscountRate: 0.1, purchaseModelLogLikelihood: -1234.5678, spendModelLogLikelihood: null };
    await prisma.shopAnalytics.create({
      data: { shop, asOn: "2026-11-26", computedAt: new Date(), timeZone: "Asia/Tokyo", policyVersion: 1, customerCount: 0, rfmMethod: "fixed", rfmScale: "{}", purchaseModelMethod: "m", spendModelMethod: "m", model: "{}", horizonDays: 365, ...floats },
    });
    expect(await prisma.shopAnalytics.findUniqueOrThrow({ where: { shop }, select: { annualDiscountRate: true, purchaseModelLogLikelihood: true, spendModelLogLikelihood: true } })).toEqual(floats);
  });

  it("stores a DateTime as the ISO text the existing rows hold, and reads numbers stored there as epoch milliseconds", async () => {
    const domain = newDomain();
    await prisma.shop.create({ data: { domain, installedAt: new Date("2026-01-02T03:04:05.006Z") } });
    const [stored] = await prisma.$queryRawUnsafe<{ text: string }[]>(`SELECT "installedAt" || '' AS "text" FROM "Shop" WHERE "domain" = ?`, domain);
    expect(stored?.text).toBe("2026-01-02T03:04:05.006+00:00");
    await prisma.$executeRawUnsafe(`UPDATE "Shop" SET "installedAt" = ? WHERE "domain" = ?`, 86_400_000, domain);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain } })).installedAt).toEqual(new Date("1970-01-02T00:00:00Z"));
  });

  it("reads integers beyond 2^53 exactly, and smaller computed ones as plain numbers", async () => {
    const [row] = await prisma.$queryRawUnsafe<{ big: bigint; sum: bigint; count: number; half: number }[]>(
      `SELECT 9007199254740993 AS "big", ? + 1 AS "sum", COUNT(*) AS "count", 1.5 AS "half" FROM (SELECT 1)`,
      9_223_372_036_854_775_806n,
    );
    expect(row).toEqual({ big: 9_007_199_254_740_993n, sum: 9_223_372_036_854_775_807n, count: 1, half: 1.5 });
  });

  it("binds booleans as 1 and 0, integers as INTEGER and bytes as BLOB", async () => {
    const [row] = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ? AS "yes", ? AS "no", typeof(?) AS "integer", ? / 2 AS "halved", ? AS "bytes"`,
      true,
      false,
      7,
      7,
      Buffer.from([0, 1, 254, 255]),
    );
    expect(row).toEqual({ yes: 1, no: 0, integer: "integer", halved: 3, bytes: new Uint8Array([0, 1, 254, 255]) });
  });
});

describe("errors", () => {
  it("reports a duplicate unique value as P2002, naming the fields", async () => {
    const domain = newDomain();
    await prisma.shop.create({ data: { domain } });
    const error = await prisma.shop.create({ data: { domain } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    const known = error as Prisma.PrismaClientKnownRequestError;
    expect(known.code).toBe("P2002");
    expect(known.message).toContain("Unique constraint failed on the fields: (`domain`)");
    // Prisma 6.19's client engine names the fields under the driver's error; it sets no meta.target.
    expect(known.meta).toMatchObject({ modelName: "Shop", driverAdapterError: { cause: { kind: "UniqueConstraintViolation", constraint: { fields: ["domain"] } } } });
  });

  it("names every field of a compound unique key", async () => {
    const event = { shop: newDomain(), topic: "orders/create", eventKey: "e-1", webhookId: "w", apiVersion: "2026-10", payload: "{}" };
    await prisma.webhookEvent.create({ data: event });
    const error = (await prisma.webhookEvent.create({ data: event }).catch((caught: unknown) => caught)) as Prisma.PrismaClientKnownRequestError;
    expect(error.code).toBe("P2002");
    expect(error.meta).toMatchObject({ driverAdapterError: { cause: { constraint: { fields: ["shop", "topic", "eventKey"] } } } });
  });

  it("reports a missing table as P2010 with SQLite's message", async () => {
    const error = (await prisma.$queryRawUnsafe(`SELECT * FROM "NoSuchTable"`).catch((caught: unknown) => caught)) as Prisma.PrismaClientKnownRequestError;
    expect(error.code).toBe("P2010");
    expect(error.message).toContain("no such table: NoSuchTable");
  });
});

describe("transactions", () => {
  it("commits what a transaction wrote, and rolls all of it back when the transaction throws", async () => {
    const [kept, dropped] = [newDomain(), newDomain()];
    await prisma.$transaction(async (tx) => {
      await tx.shop.create({ data: { domain: kept } });
      await tx.shop.update({ where: { domain: kept }, data: { name: "kept" } });
    });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.shop.create({ data: { domain: dropped } });
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(await prisma.shop.findUnique({ where: { domain: kept }, select: { name: true } })).toEqual({ name: "kept" });
    expect(await prisma.shop.findUnique({ where: { domain: dropped } })).toBeNull();
  });

  it("runs queries from outside an open transaction after it ends: they neither see its writes nor go down with it", async () => {
    const [inside, outside] = [newDomain(), newDomain()];
    const transaction = openTransaction((tx) => tx.shop.create({ data: { domain: inside } }), "rollback");
    await transaction.isOpen;
    const finished: string[] = [];
    const outsideWrite = prisma.shop.create({ data: { domain: outside } }).then(() => finished.push("outside write"));
    const outsideRead = prisma.shop.findUnique({ where: { domain: inside } }).then((shop) => (finished.push("outside read"), shop));
    await letOthersRun();
    finished.push("transaction ends");
    transaction.end();
    await transaction.done;
    expect(await outsideRead).toBeNull();
    await outsideWrite;
    expect(finished).toEqual(["transaction ends", "outside write", "outside read"]);
    expect(await prisma.shop.count({ where: { domain: { in: [inside, outside] } } })).toBe(1);
  });

  it("runs concurrent transactions one after the other, so a read-modify-write loses no update", async () => {
    const shop = newDomain();
    const job = await prisma.job.create({ data: { shop, name: "counter", payload: "{}" } });
    const bump = () =>
      prisma.$transaction(async (tx) => {
        const { attempts } = await tx.job.findUniqueOrThrow({ where: { id: job.id } });
        await letOthersRun();
        await tx.job.update({ where: { id: job.id }, data: { attempts: attempts + 1 } });
      });
    await Promise.all([bump(), bump(), bump()]);
    expect((await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(3);
  });

  it("lets the group commit's batch wait for an open transaction and keeps it when that transaction rolls back", async () => {
    const [inside, batched] = [newDomain(), newDomain()];
    const transaction = openTransaction((tx) => tx.shop.create({ data: { domain: inside } }), "rollback");
    await transaction.isOpen;
    let batchDone = false;
    const batch = connection
      .writeBatch([
        { sql: `INSERT INTO "Shop" ("id", "domain", "grantedScopes", "installedAt", "updatedAt") VALUES (?, ?, '', ?, ?)`, args: [batched, batched, "2026-11-26T00:00:00.000+00:00", "2026-11-26T00:00:00.000+00:00"] },
        { sql: `SELECT "domain" FROM "Shop" WHERE "domain" IN (?, ?)`, args: [inside, batched] },
      ])
      .finally(() => (batchDone = true));
    await letOthersRun();
    expect(batchDone).toBe(false);
    transaction.end();
    await transaction.done;
    expect((await batch).at(-1)).toEqual([{ domain: batched }]);
    expect(await prisma.shop.findUnique({ where: { domain: batched }, select: { domain: true } })).toEqual({ domain: batched });
  });

  it("gives the connection back when a transaction times out", async () => {
    const domain = newDomain();
    const timedOut = prisma.$transaction(
      async (tx) => {
        await tx.shop.create({ data: { domain } });
        await new Promise((resolve) => setTimeout(resolve, 500));
      },
      { timeout: 100 },
    );
    await expect(timedOut).rejects.toMatchObject({ code: "P2028" });
    expect(await prisma.shop.findUnique({ where: { domain } })).toBeNull();
    await prisma.$transaction((tx) => tx.shop.create({ data: { domain } }));
    expect(await prisma.shop.count({ where: { domain } })).toBe(1);
  });
});

describe("another process writing", () => {
  /** Holds SQLite's write lock from another process for `holdMs`; resolves once it has it. */
  async function holdWriteLock(holdMs: number): Promise<{ released: Promise<void> }> {
    const script = `const { DatabaseSync } = require("node:sqlite");
      const db = new DatabaseSync(process.argv[1]);
      db.exec("BEGIN IMMEDIATE");
      process.stdout.write("locked\\n");
      setTimeout(() => db.exec("ROLLBACK"), Number(process.argv[2]));`;
    const child = spawn(process.execPath, ["--no-warnings", "-e", script, databasePath, String(holdMs)], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => child.stdout.once("data", resolve));
    return { released: new Promise((resolve) => child.once("exit", () => resolve())) };
  }

  it("waits for a short write of another process instead of failing", async () => {
    const lock = await holdWriteLock(200);
    const domain = newDomain();
    await prisma.shop.create({ data: { domain } });
    await lock.released;
    expect(await prisma.shop.count({ where: { domain } })).toBe(1);
  });

  it("fails a write blocked past busy_timeout with an error that retryWhileDatabaseBusy recognises", async () => {
    const lock = await holdWriteLock(3_000);
    const error = await prisma.$transaction((tx) => tx.shop.create({ data: { domain: newDomain() } })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "P1008" });
    expect(isDatabaseBusy(error)).toBe(true);
    await lock.released;
  });
});

it("silences node:sqlite's ExperimentalWarning and no other warning", async () => {
  const script = `await import(${JSON.stringify(join(projectRoot, "app/db/sqlite-connection.server.ts"))});
    process.emitWarning("another experiment", "ExperimentalWarning");`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise((resolve) => child.once("exit", resolve));
  expect(code).toBe(0);
  expect(stderr).not.toContain("SQLite");
  expect(stderr).toContain("ExperimentalWarning: another experiment");
});
