// Japanese strings of Home's dashboard.
import type { Messages } from "../en.ts";

export const dashboard = {
  asOf: "{{date}}時点の数値",
  empty: {
    heading: "顧客分析",
    title: "セグメント・ランク・KPIを準備しています",
    body: "注文履歴の取り込みが終わるとKizunaが計算し、その後は毎晩と新しい注文のたびに更新します。準備ができしだい、ここに表示されます。",
  },
  noCustomers: {
    title: "まだ顧客の注文がありません",
    body: "顧客の注文が入ると、ここにセグメント・ランク・KPIが表示されます。",
  },
  kpis: {
    heading: "主な指標",
    customers: "顧客数",
    customersHelp: "1回以上注文した顧客",
    activeCustomers: "アクティブ顧客数",
    activeCustomersHelp: "直近365日以内に注文した顧客",
    repeatRate: "リピート率",
    repeatRateHelp: "2日以上にわたって注文した顧客の割合",
    f2: "F2転換率（90日）",
    f2Help: "初回購入から90日以内に2回目の注文をした顧客の割合",
    netRevenue: "純売上",
    netRevenueHelp: "全注文から返金を差し引いた金額（ゲスト注文を含む）",
    pareto: "上位20%の売上シェア",
    paretoHelp: "購入金額の上位20%の顧客が占める割合",
    notYet: "まだありません",
    since: "{{date}}から{{change}}",
    points: "{{change}}ポイント",
    noTrend: "30日以上前の数値がそろうと、増減が表示されます。",
  },
  f2: {
    heading: "初回購入月別のF2転換率",
    description:
      "初回購入から30日・60日・90日・180日以内に2回目の注文をした顧客の割合を、初回購入月ごとに示します。その月の全員について期間が経過した月だけを集計します。",
    allCohorts: "集計済みの全月",
    windowDays: "{{days}}日",
    cohort: "初回購入月",
    buyers: "初回購入者数",
    maturing: "集計中",
    noCohorts:
      "集計できる月はまだありません。30日の転換率は、その月の末日から30日が経つと集計されます。",
  },
  secondPurchase: {
    heading: "2回目購入までの日数",
    description:
      "リピーターが2回目の注文をするまでにかかった日数です。多くの顧客が戻ってくる少し前に、2回目購入を促すメッセージを送りましょう。",
    median:
      "リピーターの半数は{{median}}日以内に2回目の注文をしています（中央の半数は{{lower}}〜{{upper}}日）。",
    bucket: "{{from}}〜{{to}}日",
    openBucket: "{{from}}日以上",
    days: "初回注文からの日数",
    customers: "リピーター数",
    none: "2回目の注文をした顧客はまだいません。",
  },
  ranks: {
    heading: "ランク別の購入金額",
    description: "現在の各ランクの顧客数と購入金額です。",
    rank: "ランク",
    customers: "顧客数",
    netSpend: "購入金額",
    share: "購入金額の割合",
    pareto:
      "上位20%の顧客（{{count, number}}人）が購入金額の{{share}}を占めています。",
  },
} satisfies Messages["dashboard"];
