// Japanese strings of the Segments page and the RFM thresholds card.
import type { Messages } from "../en.ts";

export const segments = {
  title: "セグメント",
  asOf: "{{date}}時点",
  empty: {
    title: "注文履歴の分析が終わるとセグメントが表示されます",
    body: "注文履歴を取り込んだあと、Kizunaがすべての顧客を最終購入日・購入回数・購入金額で評価し、セグメントに分類します。",
  },
  grid: {
    heading: "R×Fグリッド",
    description:
      "最終購入日のスコア（行：5が最も最近）と購入回数のスコア（列：5が最も多い）ごとの顧客数と購入金額です。顧客が多いマスほど色が濃くなります。各マスは記載のセグメントに属します。",
    recency: "最終購入日（R）",
    frequency: "購入回数（F）",
    recencyScore: "R{{score}}",
    frequencyScore: "F{{score}}",
    customers_one: "{{count, number}}人",
    customers_other: "{{count, number}}人",
  },
  list: {
    heading: "すべてのセグメント",
    segment: "セグメント",
    customers: "顧客数",
    customerShare: "顧客数の割合",
    netSpend: "購入金額",
    spendShare: "購入金額の割合",
    averageSpend: "1人あたり購入金額",
    total: "合計",
  },
  descriptions: {
    champions:
      "最近も頻繁に購入している最も大切な顧客です。感謝を伝え、レビューをお願いしましょう。新商品にもいち早く反応します。",
    loyal:
      "定期的に購入している顧客です。ランクや先行案内で特別感を伝えましょう。",
    potentialLoyalists:
      "最近購入し、購入回数も増えてきた顧客です。少しの働きかけでロイヤル顧客になります。",
    new: "最近初めて購入した顧客です。購入後のフォローが、また来てくれるかどうかを左右します。",
    promising:
      "少し前に1回購入した顧客です。購入した商品の使い方や相性のよい商品を案内しましょう。",
    needAttention:
      "購入時期も回数も平均的な顧客です。タイミングのよい提案で離れるのを防ぎましょう。",
    aboutToSleep:
      "購入が少なく、最近は購入がない顧客です。ストアを忘れられる前に掘り起こしましょう。",
    atRisk:
      "以前はよく購入していたものの、しばらく購入がない顧客です。個別に声をかけましょう。",
    cantLoseThem:
      "かつての優良顧客で、最近は購入がありません。掘り起こしに最も力を入れる価値があります。",
    hibernating:
      "購入が少なく、最後の購入もだいぶ前の顧客です。季節のお知らせ程度にとどめましょう。",
    lost: "ずいぶん前に1回だけ購入した顧客です。強いきっかけがなければ戻ってくる見込みは低いでしょう。",
  },
  members: {
    back: "セグメント",
    summary: "顧客{{customers}}人、購入金額{{spend}}（全体の{{share}}）。",
    cells: "このセグメントに含まれるマス：{{cells}}",
  },
  thresholds: {
    heading: "現在のRFMの基準値",
    quantiles:
      "{{date}}時点の顧客{{count, number}}人を、指標ごとにほぼ同じ人数の5つのグループに分けてスコアを付けています。値が同じ顧客には必ず同じスコアが付きます。",
    fixed:
      "ストアに設定された固定の基準値でスコアを付けています（{{date}}時点）。",
    smallShop:
      "多くの顧客が同じ値のとき（ほとんどの顧客が1回だけ購入している場合など）は、その値がひとつのスコアにまとまり、それより上のスコアは顧客の値がばらつくまで空のままになります。",
    recency: "R（最終購入日）：最後の注文からの日数",
    frequency: "F（購入回数）：注文回数",
    monetary: "M（購入金額）：累計購入金額",
    score: "スコア",
    empty: "該当する顧客はまだいません",
    between: "{{from}}〜{{to}}",
    atLeast: "{{from}}以上",
    atMost: "{{to}}以下",
    any: "すべて",
    days_one: "{{count, number}}日",
    days_other: "{{count, number}}日",
    orders_one: "{{count, number}}回",
    orders_other: "{{count, number}}回",
  },
} satisfies Messages["segments"];
