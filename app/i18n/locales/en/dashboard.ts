// English strings of Home's dashboard; ja/dashboard.ts mirrors them key for key.
export const dashboard = {
  asOf: "Figures as of {{date}}",
  empty: {
    heading: "Customer analytics",
    title: "Segments, ranks and KPIs are on their way",
    body: "Kizuna computes them once your order history is imported, then every night and with every new order. They appear here as soon as they are ready.",
  },
  noCustomers: {
    title: "No customer orders yet",
    body: "Segments, ranks and KPIs appear here once customers have placed orders.",
  },
  kpis: {
    heading: "Key figures",
    customers: "Customers",
    customersHelp: "Customers with at least one order",
    activeCustomers: "Active customers",
    activeCustomersHelp: "Ordered in the last 365 days",
    repeatRate: "Repeat rate",
    repeatRateHelp: "Customers who have ordered on two or more days",
    f2: "F2 conversion, 90 days",
    f2Help: "First-time buyers who ordered again within 90 days",
    netRevenue: "Net revenue",
    netRevenueHelp: "All orders minus refunds, guest orders included",
    pareto: "Top 20% share",
    paretoHelp: "Share of net spend from your top 20% of customers",
    notYet: "Not yet",
    since: "{{change}} since {{date}}",
    points: "{{change}} pt",
    noTrend:
      "Changes appear once Kizuna has figures from at least 30 days earlier.",
  },
  f2: {
    heading: "F2 conversion by first-order month",
    description:
      "The share of first-time buyers who ordered a second time within 30, 60, 90 and 180 days, by the month of their first order. A month counts for a window once the window has passed for all of its buyers.",
    allCohorts: "All complete months",
    windowDays: "{{days}} days",
    cohort: "First order in",
    buyers: "First-time buyers",
    maturing: "not yet",
    noCohorts:
      "No month is old enough yet: a month's 30-day rate counts once 30 days have passed since the month ended.",
  },
  secondPurchase: {
    heading: "Days to second purchase",
    description:
      "How long repeat customers took to order again. Time the second-purchase message just before most of them come back.",
    median:
      "Half of repeat customers ordered again within {{median}} days; the middle half between {{lower}} and {{upper}} days.",
    bucket: "{{from}}–{{to}} days",
    openBucket: "{{from}}+ days",
    days: "Days after the first order",
    customers: "Repeat customers",
    none: "No customer has ordered a second time yet.",
  },
  ranks: {
    heading: "Net spend by rank",
    description: "Customers and their net spend in each rank as stored now.",
    rank: "Rank",
    customers: "Customers",
    netSpend: "Net spend",
    share: "Share of net spend",
    pareto:
      "Your top 20% of customers ({{count, number}}) account for {{share}} of net spend.",
  },
};
