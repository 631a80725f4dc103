// What staff see of customers on the admin pages: names and e-mail beside the analytics rows, and the
// customer search. Names and e-mail are protected customer data: shown to the shop's own staff, never
// logged. A deleted customer (customers/delete) keeps only its GID, so it shows no contact details.
import { prisma } from "../db.server.ts";
import type { Database } from "./orders.server.ts";

export type CustomerContact = {
  readonly customerGid: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
};

const CONTACT_COLUMNS = {
  customerGid: true,
  firstName: true,
  lastName: true,
  email: true,
} as const;

/** Contact details of these customers, by GID; deleted customers and GIDs never stored are absent. */
export async function findCustomerContacts(
  shop: string,
  customerGids: readonly string[],
  db: Database = prisma,
): Promise<Map<string, CustomerContact>> {
  if (customerGids.length === 0) return new Map();
  const rows = await db.customer.findMany({
    where: { shop, customerGid: { in: [...customerGids] }, deletedAt: null },
    select: CONTACT_COLUMNS,
  });
  return new Map(rows.map((row) => [row.customerGid, row]));
}

/** A LIKE pattern matching `term` anywhere, with LIKE's own wildcards taken literally. */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Customers whose first name, last name or e-mail contains every term (ASCII letters compared
 * without case, as SQLite's LIKE does), in GID order. The shop's rows are read through the
 * (shop, customerGid) index and stop at `limit` matches; a substring cannot use a b-tree index.
 */
export async function searchCustomerContacts(
  shop: string,
  terms: readonly string[],
  limit: number,
  db: Database = prisma,
): Promise<CustomerContact[]> {
  if (terms.length === 0) return [];
  const conditions = terms
    .map(
      () =>
        `("firstName" LIKE ? ESCAPE '\\' OR "lastName" LIKE ? ESCAPE '\\' OR "email" LIKE ? ESCAPE '\\')`,
    )
    .join(" AND ");
  const patterns = terms.flatMap((term) => {
    const pattern = containsPattern(term);
    return [pattern, pattern, pattern];
  });
  return db.$queryRawUnsafe<CustomerContact[]>(
    `SELECT "customerGid", "firstName", "lastName", "email" FROM "Customer"
     WHERE "shop" = ? AND "deletedAt" IS NULL AND ${conditions}
     ORDER BY "customerGid" LIMIT ?`,
    shop,
    ...patterns,
    limit,
  );
}
