// Japanese strings of the Settings page.
import type { Messages } from "../en.ts";

export const settings = {
  title: "設定",
  sync: {
    heading: "Shopifyへの同期",
    description:
      "Kizunaは各顧客のランク、セグメント、次のランクまでの進捗をShopifyに保存し、テーマのKizunaブロックがお客様に表示します。変更があった値だけを書き込みます。注文のたびにその顧客を、毎日の再計算とランク条件の変更後には全顧客を更新します。",
    status: {
      running: "同期中",
      completed: "最新",
      failed: "停止",
    },
    never: "まだ顧客をShopifyに同期していません。",
    definitions: {
      label: "ストアフロント用の項目",
      ready: "Shopifyに作成済み",
      pending: "最初の同期で作成されます",
    },
    progressLabel: "同期の進捗",
    percent: "{{percent}}%",
    progress: "{{total}}人中 {{done}}人",
    refreshing: "同期中はこのページが自動で更新されます。",
    rerun:
      "最新の変更を反映するため、この同期が終わるとすぐにもう一度同期します。",
    trigger: {
      label: "開始のきっかけ",
      install: "Kizunaのインストール",
      recompute: "顧客分析の再計算",
      merchant: "今すぐ同期",
      settings: "タグ設定の変更",
    },
    startedAt: "開始",
    finishedAt: "終了",
    written: "Shopifyを更新",
    unchanged: "変更なし",
    skipped:
      "Shopifyにいない顧客（削除済み、またはインポートしたファイルのみ）",
    failed: "更新できなかった顧客",
    problem: {
      NO_ACCESS:
        "ストアに接続できませんでした。Shopify管理画面からKizunaを開いて再接続してから、もう一度同期してください。",
      SHOPIFY_UNAVAILABLE:
        "Shopifyから長時間応答がありませんでした。しばらくしてからもう一度同期してください。",
      SHOPIFY_REFUSED:
        "Shopifyが更新を受け付けませんでした。もう一度同期し、繰り返し起きる場合はKizunaのサポートにお問い合わせください。",
      UNINSTALLED: "Kizunaがアンインストールされたため、同期を停止しました。",
      INTERNAL:
        "予期しないエラーのため同期を停止しました。もう一度同期してください。",
    },
    waiting:
      "新しい注文があった{{customers}}人の顧客が、Shopifyへの反映を待っています。",
    failures: {
      heading: "Shopifyが受け付けなかった顧客",
      shown:
        "{{count}}人のうち直近の{{shown}}人を表示しています。同期のたびに再試行します。",
      customer: "顧客",
      reason: "Shopifyからの理由",
      when: "日時",
    },
    syncNow: "今すぐ同期",
    requested: {
      started: "同期を開始しました。",
      "after-running": "同期中です。終わり次第もう一度同期します。",
      NOT_INSTALLED: "このストアにはKizunaがインストールされていません。",
      NO_ACCESS:
        "ストアに接続できません。Shopify管理画面からKizunaを開いて再接続してください。",
    },
    history: {
      heading: "最近の同期",
      empty: "まだ同期していません。",
      startedAt: "開始",
      trigger: "きっかけ",
      status: "状態",
      written: "更新",
      failed: "失敗",
    },
  },
  tags: {
    heading: "顧客タグ",
    description:
      "各顧客に {{rankExample}} や {{segmentExample}} のようなランクとセグメントのタグを付けることもできます。Shopifyの顧客セグメントやShopify Flowで使えます。Kizunaが付けたタグだけを外し、ストアで付けたタグはそのまま残します。",
    enabled: "顧客タグを付ける",
    prefix: "タグの接頭辞",
    prefixHelp: "半角の英小文字・数字・-・_ で32文字まで。",
    example: "例：{{example}}",
    save: "保存",
    saved: "保存しました。",
    savedAndSyncing: "保存しました。顧客のタグを更新しています。",
    errors: {
      EMPTY: "接頭辞を入力してください。",
      TOO_LONG: "32文字以内で入力してください。",
      INVALID_CHARACTERS:
        "半角の英小文字・数字・-・_ だけを使い、英小文字か数字で始めてください。",
    },
  },
} satisfies Messages["settings"];
