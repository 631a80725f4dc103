// Japanese strings of the Ranks page (rank editor, preview, versions).
import type { Messages } from "../en.ts";

export const ranks = {
  title: "顧客ランク",
  reranking: {
    pending:
      "バージョン{{version}}の条件で顧客のランクを付け直しています。このページは自動で更新されます。",
    running:
      "バージョン{{version}}の条件で顧客のランクを付け直しています。このページは自動で更新されます。",
    failed:
      "バージョン{{version}}でのランクの付け直しに失敗しました。まもなく自動で再試行します。",
    done: "すべての顧客がバージョン{{version}}の条件でランク付けされています。",
  },
  now: {
    heading: "現在のランク別顧客数",
    rank: "ランク",
    customers: "顧客数",
    netSpend: "購入金額",
  },
  editor: {
    heading: "ランク条件",
    description:
      "ランクは下位から上位の順に並びます。すべての顧客は最下位のランクから始まり、注文が各ランクの条件に達すると昇格します。保存する前にプレビューで、誰のランクが変わるかを確認できます。",
    rank: "ランク{{position}}",
    lowest: "最下位のランク：すべての顧客がここから始まります。",
    nameEn: "名前（英語）",
    nameJa: "名前（日本語）",
    key: "キー",
    keyHelp:
      "バージョンが変わっても同じ値を使います。ストアフロントとメタフィールドで使われます。",
    color: "色",
    colorHelp: "#RRGGBB の形式",
    minNetSpend: "購入金額が次以上",
    minOrders: "購入回数が次以上",
    thresholdHelp: "条件にしない場合は空欄にします。",
    combine: "昇格の条件",
    combineOptions: {
      any: "どちらか一方を満たす",
      all: "両方を満たす",
    },
    moveUp: "{{name}}を上へ移動",
    moveDown: "{{name}}を下へ移動",
    remove: "{{name}}を削除",
    add: "ランクを追加",
    basis: "金額",
    basisOptions: {
      tax_inclusive: "税込",
      tax_exclusive: "税抜",
    },
    window: "集計期間",
    windowOptions: {
      rolling_months: "直近の数か月",
      calendar_year: "今年（1月〜12月）",
      lifetime: "全期間",
    },
    windowMonths: "か月数",
    confirmationDelay: "注文がランクアップに反映されるまでの日数",
    confirmationDelayHelp:
      "返品期間です。注文が返品できなくなるまでランクアップを待ちます。0にするとすぐに反映します。",
    reviewDates: "見直し日",
    reviewDatesHelp:
      "購入金額の不足でランクが下がるのはこの日だけです。MM-DDの形式で入力します（例：01-01と07-01）。",
    reviewDate: "見直し日{{position}}",
    addReviewDate: "見直し日を追加",
    removeReviewDate: "見直し日{{position}}を削除",
    inactivity: "注文のない期間が続いたら1ランク下げる",
    inactivityMonths: "注文のない月数",
    refundDowngrade: "返金やキャンセルで条件を下回ったとき",
    refundOptions: {
      at_next_review: "次の見直し日に下げる",
      immediate: "すぐに下げる",
    },
  },
  actions: {
    preview: "プレビュー",
    save: "バージョン{{version}}として保存",
    previewFirst: "保存するには、先に変更内容をプレビューしてください。",
    discard: "変更を破棄",
  },
  errors: {
    heading: "以下の項目を修正してから、もう一度プレビューしてください。",
    SHAPE_INVALID: "正しい値を入力してください。",
    VERSION_INVALID:
      "バージョンが正しくありません。ページを再読み込みしてください。",
    RANKS_EMPTY: "ランクを1つ以上追加してください。",
    RANK_KEY_EMPTY: "キーを入力してください。",
    RANK_KEY_DUPLICATE: "ランクごとに異なるキーが必要です。",
    RANK_NAME_EMPTY: "名前を入力してください。",
    RANK_COLOR_INVALID:
      "色を #RRGGBB の形式で入力してください（例：#C9A227）。",
    LOWEST_RANK_HAS_THRESHOLD:
      "最下位のランクには条件を設定できません。すべての顧客がここから始まるためです。",
    RANK_THRESHOLD_MISSING:
      "購入金額か購入回数、またはその両方を設定してください。",
    THRESHOLD_INVALID: "0より大きい金額または回数を入力してください。",
    THRESHOLD_NOT_INCREASING: "下位のランクより大きい値にしてください。",
    WINDOW_MONTHS_INVALID: "1〜120か月で入力してください。",
    CONFIRMATION_DELAY_INVALID: "0〜365日で入力してください。",
    REVIEW_DATE_INVALID: "MM-DDの形式で入力してください（例：07-01）。",
    REVIEW_DATE_DUPLICATE: "この日付はすでに登録されています。",
    INACTIVITY_MONTHS_INVALID: "1〜120か月で入力してください。",
    RANK_HAS_OVERRIDES:
      "{{rank}}は一部の顧客に手動で設定されています。削除する前に、その手動ランク設定を解除してください。",
  },
  preview: {
    heading: "{{date}}時点のプレビュー",
    summary_one: "{{count, number}}人のランクが変わります。",
    summary_other: "{{count, number}}人のランクが変わります。",
    none: "ランクが変わる顧客はいません。",
    rank: "ランク",
    current: "現在（バージョン{{version}}）",
    proposed: "保存後（バージョン{{version}}）",
    difference: "増減",
    move_one: "{{count, number}}人が{{from}}から{{to}}へ",
    move_other: "{{count, number}}人が{{from}}から{{to}}へ",
    movers: "ランクが変わる顧客",
    moversShown:
      "{{count, number}}人のうち、顧客ID順に最初の{{shown}}人を表示しています。",
    customer: "顧客",
    from: "変更前",
    to: "変更後",
    direction: "方向",
    directions: {
      up: "ランクアップ",
      down: "ランクダウン",
    },
  },
  saved:
    "バージョン{{version}}として保存しました。顧客のランクを付け直しています。",
  versions: {
    heading: "バージョン履歴",
    version: "バージョン",
    createdAt: "保存日時",
    active: "適用中",
    window: "集計期間",
    copy: "バージョン{{version}}をコピーして編集",
    shown: "全{{count, number}}件のうち新しい{{shown}}件を表示しています。",
    everyone: "全員",
    spendAtLeast: "{{amount}}以上",
    ordersAtLeast_one: "{{count, number}}回以上",
    ordersAtLeast_other: "{{count, number}}回以上",
    and: "かつ",
    or: "または",
    windows: {
      rolling_months: "直近{{months}}か月",
      calendar_year: "今年",
      lifetime: "全期間",
    },
  },
} satisfies Messages["ranks"];
