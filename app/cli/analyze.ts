// `kizuna analyze`: the analytics engine on an orders export, without installing the app (docs/cli.md).
// Flags → stream the file → analyse → print. Problems with the input are InputErrors (exit code 2).
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { toEpochDay } from "../domain/analytics/calendar-days.ts";
import { DEFAULT_RANK_POLICY } from "../domain/analytics/ranks/default-rank-policy.ts";
import { validateRankPolicy } from "../domain/analytics/ranks/rank-policy.ts";
import type { RankPolicy } from "../domain/analytics/ranks/rank-policy.ts";
import { currencyExponent } from "../domain/money.ts";
import { analyzeShop } from "./analysis.ts";
import {
  TABLE_CUSTOMER_LIMIT,
  renderBadRows,
  renderCustomerCsv,
  renderCustomerTable,
  renderJson,
  renderSummaryText,
} from "./analyze-output.ts";
import type { AnalysisContext } from "./analyze-output.ts";
import { InputError } from "./command.ts";
import type { CommandIo } from "./command.ts";
import { FORMAT_CHOICES, readOrders } from "./read-orders.ts";
import type { FormatChoice } from "./read-orders.ts";

export const ANALYZE_USAGE = `Usage: kizuna analyze --orders <file> [options]

  --orders <file>          orders file, or .gz (Shopify export, generic CSV, Online Retail, CDNOW)
  --format <name>          auto (default), shopify, generic, online-retail, cdnow
  --as-of <YYYY-MM-DD>     last shop-local day of data used (default: the last order's day)
  --horizon <days>         prediction horizon in days (default 365)
  --currency <ISO 4217>    shop currency (default: the file's; USD for a generic file without one)
  --time-zone <IANA name>  shop time zone for order dates (default UTC)
  --discount-rate <rate>   yearly discount rate for CLV (default 0.1)
  --rank-policy <file>     rank tiers as a RankPolicy JSON file (default: by orders, docs/cli.md)
  --json                   print { summary, customers } as JSON
  --csv                    print the customers as CSV; the summary goes to stderr
`;

type OutputMode = "report" | "json" | "csv";

type AnalyzeOptions = {
  readonly path: string;
  readonly format: FormatChoice;
  readonly asOn: string | null;
  readonly horizonDays: number;
  readonly currency: string | null;
  readonly timeZone: string;
  readonly annualDiscountRate: number;
  readonly rankPolicyFile: string | null;
  readonly output: OutputMode;
};

function isRealDate(text: string): boolean {
  try {
    toEpochDay(text);
    return true;
  } catch {
    return false;
  }
}

function parseAnalyzeOptions(args: readonly string[]): AnalyzeOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        orders: { type: "string" },
        format: { type: "string", default: "auto" },
        "as-of": { type: "string" },
        horizon: { type: "string", default: "365" },
        currency: { type: "string" },
        "time-zone": { type: "string", default: "UTC" },
        "discount-rate": { type: "string", default: "0.1" },
        "rank-policy": { type: "string" },
        json: { type: "boolean", default: false },
        csv: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (values.orders === undefined)
    throw new InputError("--orders <file> is required");
  const format = values.format as FormatChoice;
  if (!FORMAT_CHOICES.includes(format))
    throw new InputError(
      `unknown format "${values.format}" (use ${FORMAT_CHOICES.join(", ")})`,
    );
  const asOn = values["as-of"] ?? null;
  if (asOn !== null && !isRealDate(asOn))
    throw new InputError(`--as-of must be a date YYYY-MM-DD, not "${asOn}"`);
  const horizonDays = Number(values.horizon);
  if (!/^\d+$/.test(values.horizon) || horizonDays <= 0)
    throw new InputError(
      `--horizon must be a whole number of days above 0, not "${values.horizon}"`,
    );
  const currency = values.currency?.toUpperCase() ?? null;
  if (currency !== null && currencyExponent(currency) === null)
    throw new InputError(
      `--currency must be an ISO 4217 code such as JPY, not "${values.currency}"`,
    );
  const annualDiscountRate = Number(values["discount-rate"]);
  if (
    !/^\d+(\.\d+)?$/.test(values["discount-rate"]) ||
    !Number.isFinite(annualDiscountRate)
  )
    throw new InputError(
      `--discount-rate must be a rate such as 0.1, not "${values["discount-rate"]}"`,
    );
  if (values.json && values.csv)
    throw new InputError("choose one of --json and --csv");
  return {
    path: values.orders,
    format,
    asOn,
    horizonDays,
    currency,
    timeZone: values["time-zone"],
    annualDiscountRate,
    rankPolicyFile: values["rank-policy"] ?? null,
    output: values.json ? "json" : values.csv ? "csv" : "report",
  };
}

async function loadRankPolicy(path: string | null): Promise<RankPolicy> {
  if (path === null) return DEFAULT_RANK_POLICY;
  let policy: RankPolicy;
  try {
    policy = JSON.parse(await readFile(path, "utf8")) as RankPolicy;
  } catch (error) {
    throw new InputError(
      `cannot read rank policy ${path}: ${(error as Error).message}`,
    );
  }
  let errors;
  try {
    errors = validateRankPolicy(policy);
  } catch {
    throw new InputError(`rank policy ${path} is not a RankPolicy object`);
  }
  if (errors.length > 0)
    throw new InputError(
      `rank policy ${path}: ${errors.map((error) => `${error.field} ${error.code}`).join(", ")}`,
    );
  return policy;
}

export async function runAnalyze(
  args: readonly string[],
  io: CommandIo,
): Promise<void> {
  const options = parseAnalyzeOptions(args);
  const rankPolicy = await loadRankPolicy(options.rankPolicyFile);
  const read = await readOrders(options);
  io.stderr.write(renderBadRows(read.badRowCount, read.firstBadRows));
  if (read.customerPurchases.length === 0 && read.guestPurchases.length === 0)
    throw new InputError(
      read.otherCurrencyOrderCount > 0
        ? `${options.path}: no orders in ${read.currency} (${read.otherCurrencyOrderCount} in other currencies)`
        : `${options.path}: no valid orders`,
    );
  const analysis = analyzeShop(read.customerPurchases, read.guestPurchases, {
    asOn: options.asOn,
    horizonDays: options.horizonDays,
    annualDiscountRate: options.annualDiscountRate,
    rankPolicy,
  });
  const context: AnalysisContext = {
    file: options.path,
    format: read.format,
    currency: read.currency,
    timeZone: options.timeZone,
    horizonDays: options.horizonDays,
    annualDiscountRate: options.annualDiscountRate,
    badRowCount: read.badRowCount,
    skippedRowCount: read.skippedRowCount,
    cancelledOrderCount: read.cancelledOrderCount,
    otherCurrencyOrderCount: read.otherCurrencyOrderCount,
    rankPolicyFile: options.rankPolicyFile,
  };
  if (options.output === "json") {
    io.stdout.write(renderJson(analysis, context));
  } else if (options.output === "csv") {
    io.stderr.write(renderSummaryText(analysis, context));
    io.stdout.write(renderCustomerCsv(analysis, read.currency));
  } else {
    io.stdout.write(renderSummaryText(analysis, context));
    io.stdout.write("\n");
    io.stdout.write(
      renderCustomerTable(
        analysis.customers.slice(0, TABLE_CUSTOMER_LIMIT),
        read.currency,
      ),
    );
    if (analysis.customers.length > TABLE_CUSTOMER_LIMIT)
      io.stdout.write(
        `… ${analysis.customers.length - TABLE_CUSTOMER_LIMIT} more customers (use --csv or --json for all)\n`,
      );
  }
}
