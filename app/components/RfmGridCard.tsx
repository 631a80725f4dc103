// The R × F grid as a heatmap (product.md §5): an accessible table, rows R5 to R1 and columns F1 to
// F5, each cell with its segment, customers and net spend, shaded by its share of customers. A cell
// opens its segment's members.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { nameSegment } from "../domain/analytics/segments.ts";
import { formatMoney } from "../i18n/format.ts";
import { resolveLocale } from "../i18n/i18n.ts";
import type { SegmentsOverview } from "../services/segments-page.server.ts";

type ReadyOverview = Extract<
  SerializeFrom<SegmentsOverview>,
  { status: "ready" }
>;

type Rgb = readonly [number, number, number];

// Two bands of one blue, with a jump between them: dark text stays at 4.5:1 or more on the light band
// and white text on the dark band (WCAG AA); the blues in between would fail with either.
const LIGHT_BAND: readonly [Rgb, Rgb] = [
  [234, 244, 255],
  [120, 160, 215],
];
const DARK_BAND: readonly [Rgb, Rgb] = [
  [60, 100, 170],
  [20, 55, 120],
];

function mix([from, to]: readonly [Rgb, Rgb], share: number): string {
  const channel = (index: 0 | 1 | 2) =>
    Math.round(from[index] + (to[index] - from[index]) * share);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

/** The cell's background and text colour for its share of the largest cell (0 to 1). */
function shade(intensity: number): { background: string; color: string } {
  return intensity < 0.5
    ? { background: mix(LIGHT_BAND, intensity * 2), color: "#202223" }
    : { background: mix(DARK_BAND, (intensity - 0.5) * 2), color: "#ffffff" };
}

export function RfmGridCard({ overview }: { overview: ReadyOverview }) {
  const { t, i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const largest = Math.max(
    1,
    ...overview.grid.flat().map((cell) => cell.customerCount),
  );
  const headerStyle = {
    padding: "8px",
    textAlign: "center" as const,
    fontWeight: 600,
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("segments.grid.heading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("segments.grid.description")}
        </Text>
        <div style={{ overflowX: "auto" }}>
          <table
            style={{
              borderCollapse: "separate",
              borderSpacing: 4,
              width: "100%",
              tableLayout: "fixed",
            }}
          >
            <caption style={{ textAlign: "start", paddingBottom: 4 }}>
              <Text as="span" variant="bodySm" tone="subdued">
                {t("segments.grid.recency")} × {t("segments.grid.frequency")}
              </Text>
            </caption>
            <thead>
              <tr>
                <td style={{ width: 48 }} />
                {overview.grid[0]?.map((cell) => (
                  <th key={cell.frequencyScore} scope="col" style={headerStyle}>
                    {t("segments.grid.frequencyScore", {
                      score: cell.frequencyScore,
                    })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overview.grid.map((row) => (
                <tr key={row[0]?.recencyScore}>
                  <th scope="row" style={headerStyle}>
                    {t("segments.grid.recencyScore", {
                      score: row[0]?.recencyScore,
                    })}
                  </th>
                  {row.map((cell) => {
                    const { background, color } = shade(
                      cell.customerCount / largest,
                    );
                    return (
                      <td
                        key={cell.frequencyScore}
                        style={{
                          background,
                          color,
                          borderRadius: 8,
                          padding: 8,
                          verticalAlign: "top",
                        }}
                      >
                        <Link
                          to={`/app/segments/${cell.segment}`}
                          style={{
                            color,
                            textDecoration: "none",
                            display: "block",
                          }}
                        >
                          <span style={{ display: "block", fontSize: 12 }}>
                            {nameSegment(cell.segment, locale)}
                          </span>
                          <span
                            style={{
                              display: "block",
                              fontWeight: 650,
                              fontSize: 16,
                            }}
                          >
                            {t("segments.grid.customers", {
                              count: cell.customerCount,
                            })}
                          </span>
                          <span style={{ display: "block", fontSize: 12 }}>
                            {formatMoney(
                              cell.netSpendMinor,
                              overview.currencyCode,
                              locale,
                            )}
                          </span>
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </BlockStack>
    </Card>
  );
}
