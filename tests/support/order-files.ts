// Orders files for import tests: Shopify's export under its real 2022 and 2025 headers
// (../shared/data/shopify/), and the generic customer_id,order_id,date,amount[,currency] CSV.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./database.ts";

export const SHARED_DATA = join(projectRoot, "../shared/data");
export const ONLINE_RETAIL_FILE = join(SHARED_DATA, "online_retail/online_retail_lines.csv.gz");

export type ExportHeaderYear = "2022" | "2025";

export function shopifyExportHeader(year: ExportHeaderYear): string {
  return readFileSync(join(SHARED_DATA, `shopify/orders_export_header_${year}.csv`), "utf8").replace(/\r?\n$/, "");
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One export row: every column of the real header, filled from `values` by header name. */
export function shopifyExportRow(header: string, values: Readonly<Record<string, string>>): string {
  return header
    .split(",")
    .map((name) => quote(values[name] ?? ""))
    .join(",");
}

/**
 * A small Japanese shop's export: #1001 (Hanako, two line items, Shopify Id 5512345678901) and #1002
 * (a guest, cancelled and refunded, no Id), as three rows after the header.
 */
export function shopifyExportFile(year: ExportHeaderYear): string {
  const header = shopifyExportHeader(year);
  const rows = [
    shopifyExportRow(header, {
      Name: "#1001",
      Email: "Hanako@Example.jp",
      "Financial Status": "paid",
      "Paid at": "2024-03-01 10:16:02 +0900",
      Currency: "JPY",
      Subtotal: "5400",
      Shipping: "600",
      Taxes: "545",
      Total: "6000",
      "Discount Amount": "0",
      "Created at": "2024-03-01 10:15:23 +0900",
      "Refunded Amount": "0",
      Id: "5512345678901",
      Notes: "Gift wrap, please.\nThank you!",
      "Lineitem quantity": "2",
      "Lineitem name": "抹茶 100g",
      "Lineitem price": "1800",
      "Lineitem sku": "MT-100",
    }),
    shopifyExportRow(header, { Name: "#1001", "Lineitem quantity": "1", "Lineitem name": "茶筅", "Lineitem price": "1800", "Lineitem discount": "200" }),
    shopifyExportRow(header, {
      Name: "#1002",
      "Financial Status": "refunded",
      Currency: "JPY",
      Subtotal: "1800",
      Total: "1800",
      "Created at": "2024-03-02 08:00:00 +0900",
      "Cancelled at": "2024-03-02 12:00:00 +0900",
      "Refunded Amount": "1800",
      "Lineitem quantity": "1",
      "Lineitem name": "抹茶 100g",
      "Lineitem price": "1800",
    }),
  ];
  return [header, ...rows].join("\n") + "\n";
}

/** A generic CSV; `rows` are written as given, so a test can break any of them. */
export function genericCsvFile(rows: readonly string[], header = "customer_id,order_id,date,amount,currency"): string {
  return [header, ...rows].join("\n") + "\n";
}
