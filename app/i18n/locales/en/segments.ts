// English strings of the Segments page and the RFM thresholds card; ja/segments.ts mirrors them.
export const segments = {
  title: "Segments",
  asOf: "As of {{date}}",
  empty: {
    title: "Segments appear once your history is analysed",
    body: "Kizuna scores every customer on recency, frequency and net spend after your order history is imported, and sorts them into segments.",
  },
  grid: {
    heading: "R × F grid",
    description:
      "Customers by recency score (rows: 5 ordered most recently) and frequency score (columns: 5 ordered most often), with their net spend. Darker cells hold more customers. Each cell belongs to the segment named in it.",
    recency: "Recency",
    frequency: "Frequency",
    recencyScore: "R{{score}}",
    frequencyScore: "F{{score}}",
    customers_one: "{{count, number}} customer",
    customers_other: "{{count, number}} customers",
  },
  list: {
    heading: "All segments",
    segment: "Segment",
    customers: "Customers",
    customerShare: "Share of customers",
    netSpend: "Net spend",
    spendShare: "Share of net spend",
    averageSpend: "Net spend per customer",
    total: "Total",
  },
  descriptions: {
    champions:
      "Ordered recently and often. Thank them and ask for reviews; they answer new products first.",
    loyal: "Order regularly. Recognise them with their rank and early access.",
    potentialLoyalists:
      "Recent customers with a few orders. A little attention makes them loyal.",
    new: "Placed their first order recently. The follow-up after that order decides whether they come back.",
    promising:
      "Ordered once, not long ago. Remind them of what they bought and what goes with it.",
    needAttention:
      "Average recency and frequency. A timely offer keeps them from drifting away.",
    aboutToSleep:
      "Few orders, and not lately. Win them back before they forget the shop.",
    atRisk: "Ordered often, but not for a while. Reach out personally.",
    cantLoseThem:
      "Used to be among the best customers and have gone quiet. Worth the most effort to win back.",
    hibernating:
      "Few orders, long ago. Include them in seasonal messages only.",
    lost: "One order, long ago. Unlikely to come back without a strong reason.",
  },
  members: {
    back: "Segments",
    summary:
      "{{customers}} customers, {{spend}} net spend ({{share}} of the total).",
    cells: "R × F cells in this segment: {{cells}}",
  },
  thresholds: {
    heading: "RFM thresholds in use",
    quantiles:
      "Scores split your {{count, number}} customers of {{date}} into five groups of about equal size on each measure. Customers with the same value always get the same score.",
    fixed:
      "Scores use the fixed thresholds set for your shop, fitted on {{date}}.",
    smallShop:
      "When many customers share one value (most have ordered once, for example), that value keeps a single score and the scores above it stay empty until more customers differ.",
    recency: "Recency: days since the last order",
    frequency: "Frequency: orders",
    monetary: "Monetary: net spend",
    score: "Score",
    empty: "no customer yet",
    between: "{{from}} to {{to}}",
    atLeast: "{{from}} or more",
    atMost: "up to {{to}}",
    any: "any value",
    days_one: "{{count, number}} day",
    days_other: "{{count, number}} days",
    orders_one: "{{count, number}} order",
    orders_other: "{{count, number}} orders",
  },
};
