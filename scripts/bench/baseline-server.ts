// The baseline of `scripts/bench/webhooks.ts`: the least a webhook receiver can do and still be
// correct, with no framework. node:http; the five required Shopify headers; the body read within
// the same 5 MB limit; base64 HMAC-SHA256 compared in constant time; JSON.parse; the shop looked up;
// then the WebhookEvent row and its Job row written in one transaction, through the app's SQLite
// driver (node:sqlite, prepared statements) on the app's migrated schema, with the app's connection pragmas. A
// duplicate event answers 200 and writes nothing. Started as
// `node scripts/bench/baseline-server.ts <port> <database path> <api secret>`; prints "listening".
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { nodeSqlite } from "../../app/db/sqlite-connection.server.ts";
import { SQLITE_CONNECTION_PRAGMAS } from "../../app/sqlite-pragmas.ts";

const [port, databasePath, apiSecret] = process.argv.slice(2) as [string, string, string];
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;
const REQUIRED_HEADERS = ["x-shopify-hmac-sha256", "x-shopify-topic", "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id"];

const SQLITE_CONSTRAINT = 19;

const db = new nodeSqlite.DatabaseSync(databasePath);
db.exec("PRAGMA journal_mode = WAL");
for (const pragma of SQLITE_CONNECTION_PRAGMAS) db.exec(pragma);
const findShop = db.prepare('SELECT 1 FROM "Shop" WHERE "domain" = ? AND "uninstalledAt" IS NULL');
const insertEvent = db.prepare(
  'INSERT INTO "WebhookEvent" ("id", "shop", "topic", "eventKey", "webhookId", "apiVersion", "triggeredAt", "receivedAt", "payload") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const insertJob = db.prepare(
  'INSERT INTO "Job" ("id", "shop", "name", "payload", "uniqueKey", "status", "runAt", "attempts", "maxAttempts", "createdAt") VALUES (?, ?, ?, ?, ?, \'pending\', ?, 0, 10, ?)',
);

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    request.on("data", (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received > BODY_LIMIT_BYTES) {
        request.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function hmacMatches(body: Buffer, signature: string): boolean {
  const expected = createHmac("sha256", apiSecret).update(body).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function receive(request: IncomingMessage): Promise<number> {
  if (request.method !== "POST" || request.url !== "/webhooks") return 405;
  const body = await readBody(request);
  if (body === null) return 413;
  const header = (name: string) => request.headers[name] as string | undefined;
  if (body.length === 0 || REQUIRED_HEADERS.some((name) => !header(name))) return 400;
  if (!hmacMatches(body, header("x-shopify-hmac-sha256")!)) return 401;
  const rawBody = body.toString("utf8");
  try {
    JSON.parse(rawBody);
  } catch {
    return 400;
  }
  const shop = header("x-shopify-shop-domain")!;
  if (findShop.get(shop) === undefined) return 200;
  const now = new Date().toISOString();
  const eventId = randomUUID();
  const triggeredAt = header("x-shopify-triggered-at");
  try {
    db.exec("BEGIN IMMEDIATE");
    try {
      insertEvent.run(
        eventId,
        shop,
        header("x-shopify-topic")!,
        header("x-shopify-event-id") ?? header("x-shopify-webhook-id")!,
        header("x-shopify-webhook-id")!,
        header("x-shopify-api-version")!,
        triggeredAt ? new Date(triggeredAt).toISOString() : null,
        now,
        rawBody,
      );
      insertJob.run(randomUUID(), shop, "ingestWebhookEvent", JSON.stringify({ webhookEventId: eventId }), eventId, now, now);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  } catch (error) {
    if (((error as { errcode?: number }).errcode ?? 0) % 256 === SQLITE_CONSTRAINT) return 200;
    throw error;
  }
  return 200;
}

function answer(response: ServerResponse, status: number): void {
  response.writeHead(status, { "Content-Length": "0" });
  response.end();
}

createServer((request, response) => {
  receive(request).then(
    (status) => answer(response, status),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      answer(response, 500);
    },
  );
}).listen(Number(port), "127.0.0.1", () => process.stdout.write("listening\n"));
