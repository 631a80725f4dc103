// A Polaris Viz chart above the table of its numbers. Polaris Viz measures the page to draw, so it
// cannot render on the server: the chart appears once the page is hydrated, in a box of fixed height
// so nothing shifts (CLS), while the table is there from the first byte and is what screen readers
// read; the chart itself is hidden from them.
import { PolarisVizProvider } from "@shopify/polaris-viz";
import { BlockStack } from "@shopify/polaris";
import { useSyncExternalStore, type ReactNode } from "react";

const CHART_HEIGHT_PX = 260;

const subscribeToNothing = () => () => {};

type ChartFrameProps = { renderChart: () => ReactNode; children: ReactNode };

export function ChartFrame({ renderChart, children }: ChartFrameProps) {
  // false on the server and while hydrating, true once the page is React's in the browser.
  const hydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  return (
    <BlockStack gap="400">
      <div
        aria-hidden="true"
        data-chart={hydrated ? "drawn" : "pending"}
        style={{ height: CHART_HEIGHT_PX }}
      >
        {hydrated ? (
          <PolarisVizProvider>{renderChart()}</PolarisVizProvider>
        ) : null}
      </div>
      {children}
    </BlockStack>
  );
}
