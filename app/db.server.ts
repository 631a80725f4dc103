import { createClient, type Client, type InStatement, type ResultSet, type Transaction, type TransactionMode } from "@libsql/client";
import { PrismaClient } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { baseEnv } from "./base-env.server.ts";
import { SQLITE_CONNECTION_PRAGMAS } from "./sqlite-pragmas.ts";

// One libsql client serves Prisma and the webhook inbox's group commit (docs/decisions/012).
//
// libsql sets no busy timeout, and @libsql/client hands its connection to each transaction and
// opens a new one for what follows, so per-connection settings are applied to each new one. Prisma's
// adapter runs one statement or transaction at a time, so within this process two Prisma writes never
// meet. writeBatch runs its transaction synchronously from BEGIN to COMMIT, so nothing else in the
// process runs in between; it only has to wait while a Prisma transaction is open.

type Database = {
  prisma: PrismaClient;
  client: Client;
  transactions: TransactionGate;
};

declare global {
  var kizunaDatabase: Database | undefined;
}

/** Counts Prisma's open transactions and wakes writeBatch when the last one ends. */
class TransactionGate {
  #open = new Set<Transaction>();
  #waiters: (() => void)[] = [];

  opened(transaction: Transaction): void {
    this.#open.add(transaction);
  }

  settled(transaction: Transaction): void {
    if (!transaction.closed || !this.#open.delete(transaction) || this.#open.size > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  async whenClosed(): Promise<void> {
    while (this.#open.size > 0) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
}

function bound(target: object, key: string | symbol): unknown {
  const value: unknown = Reflect.get(target, key, target);
  return typeof value === "function" ? value.bind(target) : value;
}

// Proxies, because @libsql/client keeps its state in private fields, which a subclass cannot reach.
function trackTransactions(client: Client, gate: TransactionGate): Client {
  const transaction = async (mode?: TransactionMode): Promise<Transaction> => {
    const opened = await client.transaction(mode);
    try {
      await configureConnection(client);
    } catch (error) {
      opened.close();
      throw error;
    }
    gate.opened(opened);
    return new Proxy(opened, {
      get(target, key) {
        const value = bound(target, key);
        if (typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          try {
            return await (value as (...args: unknown[]) => unknown)(...args);
          } finally {
            gate.settled(target);
          }
        };
      },
    });
  };
  return new Proxy(client, { get: (target, key) => (key === "transaction" ? transaction : bound(target, key)) });
}

// PrismaLibSQL opens its own client from a config; this one hands it the shared client instead.
class SharedClientAdapter extends PrismaLibSQL {
  readonly #client: Client;

  constructor(client: Client) {
    super({ url: baseEnv.DATABASE_URL });
    this.#client = client;
  }

  override createClient(): Client {
    return this.#client;
  }
}

/** Runs on the client's current connection, opening it if the last one went to a transaction. */
async function configureConnection(client: Client): Promise<void> {
  for (const pragma of SQLITE_CONNECTION_PRAGMAS) await client.execute(pragma);
}

async function openDatabase(): Promise<Database> {
  const transactions = new TransactionGate();
  const client = trackTransactions(createClient({ url: baseEnv.DATABASE_URL }), transactions);
  // WAL lets readers and the one writer proceed together; the mode is stored in the file.
  if (baseEnv.DATABASE_URL.startsWith("file:")) await client.execute("PRAGMA journal_mode = WAL");
  await configureConnection(client);
  return { prisma: new PrismaClient({ adapter: new SharedClientAdapter(client) }), client, transactions };
}

// Vite's dev server re-imports modules on change; keeping one client avoids leaking connections.
const database: Database = globalThis.kizunaDatabase ?? (await openDatabase());
globalThis.kizunaDatabase = database;

export const prisma: PrismaClient = database.prisma;

/**
 * Runs the statements as one write transaction (BEGIN IMMEDIATE … COMMIT) without yielding, once no
 * Prisma transaction is open. SQLITE_BUSY from another process passes through to the caller.
 */
export async function writeBatch(statements: InStatement[]): Promise<ResultSet[]> {
  await database.transactions.whenClosed();
  return database.client.batch(statements, "write");
}

/** A DateTime as Prisma's libsql adapter stores it, so raw SQL and Prisma read and compare alike. */
export function storedInstant(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}
