// Japanese strings of the backfill screens.
import type { Messages } from "../en.ts";

export const backfill = {
  heading: "過去データの取り込み",
  phase: {
    starting: "開始しています",
    exporting: "Shopify が準備中",
    importing: "取り込み中",
    completed: "取り込み済み",
    failed: "停止",
  },
  notStarted: "ストアの過去の注文と顧客はまだ取り込まれていません。",
  progressLabel: "取り込みの進捗",
  percent: "{{percent}}%",
  orders: "注文 {{expected}} 件中 {{imported}} 件を取り込みました",
  ordersWithoutTotal: "注文 {{imported}} 件を取り込みました",
  customers: "顧客 {{expected}} 人中 {{imported}} 人を取り込みました",
  preparing: "Shopify が Kizuna 用にストアのデータを準備しています（現在 {{count}} 件）。",
  refreshing: "取り込み中はこのページが自動で更新されます。",
  startedAt: "開始日時",
  finishedAt: "完了日時",
  skipped: "{{count}} 件のデータを読み取れなかったため、取り込みませんでした。",
  recentOnly: {
    title: "直近60日分の注文のみ取り込みました",
    body: "ストアが Kizuna にすべての注文へのアクセス（read_all_orders）を許可していないため、Shopify から受け取れるのは直近60日間（{{since}} 以降）の注文のみです。すべての注文へのアクセスが許可されたら、もう一度取り込むと全期間の履歴を読み込めます。",
  },
  problem: {
    NO_ACCESS: "Kizuna からストアにアクセスできませんでした。Shopify 管理画面から Kizuna を開いて再接続し、もう一度取り込んでください。",
    BULK_LIMIT_REACHED: "Shopify がこのストアの別のエクスポートを処理中です。しばらくすると Kizuna が自動で再試行します。",
    EXPORT_FAILED: "Shopify でストアのデータを準備できませんでした。もう一度取り込んでください。",
    EXPORT_FILE_UNAVAILABLE: "Shopify が準備したデータを取得できなくなりました。もう一度取り込んでください。",
    SHOPIFY_UNAVAILABLE: "Shopify から長時間応答がありませんでした。時間をおいてもう一度取り込んでください。",
    UNINSTALLED: "Kizuna がアンインストールされたため、取り込みを停止しました。",
    UNEXPECTED: "予期しないエラーのため取り込みを停止しました。もう一度取り込んでください。",
  },
  start: "過去データを取り込む",
  runAgain: "もう一度取り込む",
  requested: {
    started: "取り込みを開始しました。",
    "already-running": "すでに取り込みを実行中です。",
    "already-completed": "過去データはすでに取り込み済みです。",
  },
} satisfies Messages["backfill"];
