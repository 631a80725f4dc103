// The `query:` argument of Admin connections: Shopify's search syntax, reduced to what Kizuna sends
// (`updated_at:>=2025-06-01T00:00:00Z`, `created_at:<…`, `email:…`, `tag:…`, `id:>…`) joined by
// spaces or AND. Shopify ignores terms it does not understand rather than failing, and so does this.

export type SearchTerm = { field: string; operator: ">" | ">=" | "<" | "<=" | "="; value: string };

const TERM = /^(-?[a-z_]+):(>=|<=|>|<)?(.+)$/;

export function parseSearchQuery(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const tokens = query.match(/\S+:(?:'[^']*'|"[^"]*"|\S+)|\S+/g) ?? [];
  const terms: SearchTerm[] = [];
  for (const token of tokens) {
    const match = TERM.exec(token);
    if (!match) continue;
    const operator = (match[2] ?? "=") as SearchTerm["operator"];
    terms.push({ field: match[1]!, operator, value: match[3]!.replace(/^['"]|['"]$/g, "") });
  }
  return terms;
}

function compare(left: number, operator: SearchTerm["operator"], right: number): boolean {
  if (operator === ">") return left > right;
  if (operator === ">=") return left >= right;
  if (operator === "<") return left < right;
  if (operator === "<=") return left <= right;
  return left === right;
}

export function matchesInstant(instant: string | null, term: SearchTerm): boolean {
  if (instant === null) return false;
  const boundMs = Date.parse(term.value);
  if (Number.isNaN(boundMs)) return true;
  return compare(Date.parse(instant), term.operator, boundMs);
}

export function matchesNumericId(gid: string, term: SearchTerm): boolean {
  const bound = Number(term.value.slice(term.value.lastIndexOf("/") + 1));
  if (!Number.isFinite(bound)) return true;
  return compare(Number(gid.slice(gid.lastIndexOf("/") + 1)), term.operator, bound);
}
