// What `kizuna analyze` prints (docs/cli.md): one record per customer with a fixed column order, and a
// shop summary, as JSON, as CSV (summary on stderr) or as a readable report. Money is a decimal string
// in the shop currency's minor unit ("12.50", JPY "1200"); BG/NBD times are days.
import { currencyExponent } from "../domain/money.ts";
import type { CutPoints } from "../domain/analytics/rfm.ts";
import type { RowError } from "../domain/ingest/row-error.ts";
import type { CustomerAnalysis, ShopAnalysis } from "./analysis.ts";

export type AnalysisContext = {
  readonly file: string;
  readonly format: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly horizonDays: number;
  readonly annualDiscountRate: number;
  readonly badRowCount: number;
  readonly skippedRowCount: number;
  readonly cancelledOrderCount: number;
  readonly otherCurrencyOrderCount: number;
  /** The rank policy file, or null for the default policy. */
  readonly rankPolicyFile: string | null;
};

type CellValue = string | number | null;

type Column = {
  readonly name: string;
  readonly read: (customer: CustomerAnalysis, currency: string) => CellValue;
};

// Model outputs are estimates: six decimals keep them readable without losing anything that matters.
const ESTIMATE_DECIMALS = 6;
export const TABLE_CUSTOMER_LIMIT = 20;

function roundEstimate(value: number | null): number | null {
  return value === null ? null : Number(value.toFixed(ESTIMATE_DECIMALS));
}

/** Integer minor units as a plain decimal string of the currency: 1250 USD → "12.50", 1200 JPY → "1200". */
export function formatMinor(minor: number, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
  return `${minor < 0 ? "-" : ""}${whole}${fraction}`;
}

function formatOptionalMinor(
  minor: number | null,
  currency: string,
): string | null {
  return minor === null ? null : formatMinor(minor, currency);
}

/** The customer columns, in the order docs/cli.md promises. */
export const CUSTOMER_COLUMNS: readonly Column[] = [
  { name: "customer_id", read: (c) => c.customerId },
  { name: "orders", read: (c) => c.orders },
  { name: "purchase_days", read: (c) => c.purchaseDays },
  { name: "frequency", read: (c) => c.frequency },
  { name: "recency_days", read: (c) => c.recencyDays },
  { name: "t_x_days", read: (c) => c.timeToLastPurchaseDays },
  { name: "T_days", read: (c) => c.timeObservedDays },
  {
    name: "monetary_total",
    read: (c, cur) => formatMinor(c.monetaryTotalMinor, cur),
  },
  {
    name: "avg_repeat_spend",
    read: (c, cur) => formatOptionalMinor(c.averageRepeatSpendMinor, cur),
  },
  { name: "r", read: (c) => c.recencyScore },
  { name: "f", read: (c) => c.frequencyScore },
  { name: "m", read: (c) => c.monetaryScore },
  { name: "segment", read: (c) => c.segment },
  { name: "rank", read: (c) => c.rankKey },
  { name: "p_alive", read: (c) => roundEstimate(c.aliveProbability) },
  {
    name: "expected_purchases",
    read: (c) => roundEstimate(c.expectedPurchases),
  },
  {
    name: "expected_avg_spend",
    read: (c, cur) => formatMinor(c.expectedOrderValueMinor, cur),
  },
  { name: "clv", read: (c, cur) => formatOptionalMinor(c.clvMinor, cur) },
  { name: "next_order_date", read: (c) => c.expectedNextOrderOn },
];

export function toCustomerJson(
  customer: CustomerAnalysis,
  currency: string,
): Record<string, CellValue> {
  const record: Record<string, CellValue> = {};
  for (const column of CUSTOMER_COLUMNS)
    record[column.name] = column.read(customer, currency);
  return record;
}

function roundRatio(ratio: number | null): number | null {
  return ratio === null ? null : Number(ratio.toFixed(4));
}

function formatCutPoints(
  cutPoints: CutPoints,
  format: (cut: number) => CellValue,
): CellValue[] {
  return cutPoints.map((cut) => (cut === null ? null : format(cut)));
}

/** The summary object of `--json`; the text report is rendered from it too, so both always agree. */
export function toSummaryJson(
  analysis: ShopAnalysis,
  context: AnalysisContext,
): Record<string, unknown> {
  const { currency } = context;
  const exponent = currencyExponent(currency) ?? 2;
  const purchases = analysis.model.purchases;
  const spend = analysis.model.spend;
  return {
    file: context.file,
    format: context.format,
    currency,
    time_zone: context.timeZone,
    as_of: analysis.asOn,
    horizon_days: context.horizonDays,
    annual_discount_rate: context.annualDiscountRate,
    rows: {
      bad: context.badRowCount,
      skipped_by_cleaning_rules: context.skippedRowCount,
    },
    excluded_orders: {
      cancelled_or_voided: context.cancelledOrderCount,
      other_currency: context.otherCurrencyOrderCount,
      after_as_of: analysis.ordersAfterAsOfCount,
    },
    customers: analysis.customerCount,
    repeat_customers: analysis.repeatCustomerCount,
    orders: analysis.orderCount,
    guest_orders: analysis.guestOrderCount,
    revenue: formatMinor(analysis.revenueMinor, currency),
    purchase_model:
      purchases.method === "bgNbd"
        ? {
            model: "BG/NBD",
            method: "mle",
            reason: null,
            r: purchases.params.r,
            alpha: purchases.params.alpha,
            a: purchases.params.a,
            b: purchases.params.b,
            log_likelihood: purchases.logLikelihood,
          }
        : {
            model: "BG/NBD",
            method: "heuristic",
            reason: purchases.reason,
            median_interval_days: purchases.medianIntervalDays,
          },
    spend_model:
      spend.method === "gammaGamma"
        ? {
            model: "Gamma-Gamma",
            method: "mle",
            reason: null,
            p: spend.params.p,
            q: spend.params.q,
            gamma: spend.params.gamma / 10 ** exponent,
            log_likelihood: spend.logLikelihood,
          }
        : {
            model: "Gamma-Gamma",
            method: "customer_average",
            reason: spend.reason,
          },
    rfm: {
      method: "quantiles",
      recency_days: formatCutPoints(
        analysis.rfmScale.recencyDays,
        (cut) => cut,
      ),
      orders: formatCutPoints(analysis.rfmScale.orderCount, (cut) => cut),
      monetary: formatCutPoints(analysis.rfmScale.netSpendMinor, (cut) =>
        formatMinor(cut, currency),
      ),
    },
    ranks: {
      policy: context.rankPolicyFile ?? "default",
      customers: Object.fromEntries(
        analysis.rankDistribution.map((rank) => [
          rank.rankKey,
          rank.customerCount,
        ]),
      ),
    },
    kpis: {
      repeat_rate: roundRatio(analysis.repeatRate.repeatRatio),
      top_20_percent_revenue_share: roundRatio(analysis.paretoShare.shareRatio),
      f2_conversion: analysis.f2Conversion.map((window) => ({
        window_days: window.windowDays,
        rate: roundRatio(window.f2ConversionRatio),
        first_time_buyers: window.firstTimeBuyerCount,
        converted: window.convertedCount,
        complete_cohorts: window.completeCohortCount,
      })),
    },
  };
}

export function renderJson(
  analysis: ShopAnalysis,
  context: AnalysisContext,
): string {
  const customers = analysis.customers.map((customer) =>
    toCustomerJson(customer, context.currency),
  );
  return `${JSON.stringify({ summary: toSummaryJson(analysis, context), customers }, null, 2)}\n`;
}

function toCsvField(value: CellValue): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function renderCustomerCsv(
  analysis: ShopAnalysis,
  currency: string,
): string {
  const lines = [CUSTOMER_COLUMNS.map((column) => column.name).join(",")];
  for (const customer of analysis.customers)
    lines.push(
      CUSTOMER_COLUMNS.map((column) =>
        toCsvField(column.read(customer, currency)),
      ).join(","),
    );
  return `${lines.join("\n")}\n`;
}

function formatNumber(value: unknown, decimals: number): string {
  return typeof value === "number" ? value.toFixed(decimals) : "-";
}

function formatPercent(ratio: number | null): string {
  return ratio === null ? "-" : `${(ratio * 100).toFixed(1)} %`;
}

function formatCuts(values: unknown): string {
  return (values as CellValue[])
    .map((cut) => (cut === null ? "-" : cut))
    .join(", ");
}

/** The summary as aligned "label  value" lines, for people. */
export function renderSummaryText(
  analysis: ShopAnalysis,
  context: AnalysisContext,
): string {
  const summary = toSummaryJson(analysis, context);
  const rows = summary.rows as Record<string, number>;
  const excluded = summary.excluded_orders as Record<string, number>;
  const purchases = summary.purchase_model as Record<string, unknown>;
  const spend = summary.spend_model as Record<string, unknown>;
  const rfm = summary.rfm as Record<string, unknown>;
  const ranks = summary.ranks as {
    policy: string;
    customers: Record<string, number>;
  };
  const kpis = summary.kpis as {
    repeat_rate: number | null;
    top_20_percent_revenue_share: number | null;
    f2_conversion: { window_days: number; rate: number | null }[];
  };
  const currency = context.currency;
  const lines: [string, string][] = [
    ["File", `${context.file} (${context.format})`],
    [
      "As of",
      `${analysis.asOn} in ${context.timeZone}; horizon ${context.horizonDays} days; discount rate ${context.annualDiscountRate}/year`,
    ],
    [
      "Rows",
      `${rows.bad} bad; ${rows.skipped_by_cleaning_rules} skipped by the format's cleaning rules`,
    ],
    [
      "Excluded orders",
      `${excluded.cancelled_or_voided} cancelled or voided; ${excluded.other_currency} not in ${currency}; ${excluded.after_as_of} after ${analysis.asOn}`,
    ],
    [
      "Customers",
      `${analysis.customerCount} (${analysis.repeatCustomerCount} with repeat purchases)`,
    ],
    [
      "Orders",
      `${analysis.orderCount} (${analysis.guestOrderCount} by guests)`,
    ],
    ["Revenue", `${summary.revenue as string} ${currency}`],
    [
      "BG/NBD",
      purchases.method === "mle"
        ? `mle: r ${formatNumber(purchases.r, 6)}, alpha ${formatNumber(purchases.alpha, 6)} days, a ${formatNumber(purchases.a, 6)}, b ${formatNumber(purchases.b, 6)}; log-likelihood ${formatNumber(purchases.log_likelihood, 3)}`
        : `heuristic (${purchases.reason as string}): median interval ${formatNumber(purchases.median_interval_days, 1)} days`,
    ],
    [
      "Gamma-Gamma",
      spend.method === "mle"
        ? `mle: p ${formatNumber(spend.p, 6)}, q ${formatNumber(spend.q, 6)}, gamma ${formatNumber(spend.gamma, 6)} ${currency}; log-likelihood ${formatNumber(spend.log_likelihood, 3)}`
        : `customer average (${spend.reason as string})`,
    ],
    [
      "RFM cut points",
      `quantiles, scores 2..5: recency_days <= ${formatCuts(rfm.recency_days)}; orders >= ${formatCuts(rfm.orders)}; monetary >= ${formatCuts(rfm.monetary)}`,
    ],
    [
      "Ranks",
      `${ranks.policy} policy: ${Object.entries(ranks.customers)
        .map(([rank, count]) => `${rank} ${count}`)
        .join(", ")}`,
    ],
    [
      "KPIs",
      [
        `repeat rate ${formatPercent(kpis.repeat_rate)}`,
        `top 20 % revenue share ${formatPercent(kpis.top_20_percent_revenue_share)}`,
        `F2 ${kpis.f2_conversion
          .map(
            (window) => `${window.window_days}d ${formatPercent(window.rate)}`,
          )
          .join(", ")}`,
      ].join("; "),
    ],
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  return lines
    .map(([label, value]) => `${label.padEnd(width)}  ${value}\n`)
    .join("");
}

/** The first customers as a table with columns padded to their widest cell. */
export function renderCustomerTable(
  customers: readonly CustomerAnalysis[],
  currency: string,
): string {
  const rows = [
    CUSTOMER_COLUMNS.map((column) => column.name),
    ...customers.map((customer) =>
      CUSTOMER_COLUMNS.map((column) => {
        const value = column.read(customer, currency);
        return value === null ? "" : String(value);
      }),
    ),
  ];
  const widths = CUSTOMER_COLUMNS.map((_, index) =>
    Math.max(...rows.map((row) => (row[index] as string).length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, index) => cell.padEnd(widths[index] as number))
        .join("  ")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

export function renderBadRows(
  badRowCount: number,
  firstBadRows: readonly RowError[],
): string {
  if (badRowCount === 0) return "";
  const lines = [
    `${badRowCount} bad ${badRowCount === 1 ? "row" : "rows"} left out${badRowCount > firstBadRows.length ? `; the first ${firstBadRows.length}:` : ":"}`,
    ...firstBadRows.map(
      (error) =>
        `  line ${error.line}: ${error.column === null ? "" : `${error.column}: `}${error.message}`,
    ),
  ];
  return lines.map((line) => `${line}\n`).join("");
}
