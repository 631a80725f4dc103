// Japanese admin strings; `satisfies Messages` makes a missing or extra key a type error.
import type { Messages } from "./en.ts";
import { backfill } from "./ja/backfill.ts";
import { customers } from "./ja/customers.ts";
import { dashboard } from "./ja/dashboard.ts";
import { imports } from "./ja/imports.ts";
import { ranks } from "./ja/ranks.ts";
import { segments } from "./ja/segments.ts";
import { settings } from "./ja/settings.ts";

export const ja = {
  backfill,
  customers,
  dashboard,
  imports,
  settings,
  ranks,
  segments,
  nav: {
    home: "ホーム",
    import: "注文のインポート",
    segments: "セグメント",
    ranks: "顧客ランク",
    customers: "顧客",
    settings: "設定",
  },
  login: {
    title: "Kizuna にログイン",
    shopDomain: "ショップのドメイン",
    shopDomainHelp: "例: example.myshopify.com",
    submit: "ログイン",
    errors: {
      missingShop: "ログインするにはショップのドメインを入力してください。",
      invalidShop: "example.myshopify.com のような正しいショップのドメインを入力してください。",
    },
  },
  home: {
    title: "ホーム",
    connection: {
      heading: "接続",
      connectedTo: "{{name}}（{{domain}}）に接続済み",
      badge: {
        connected: "接続済み",
        expired: "期限切れ",
        missing: "未接続",
      },
      problem: {
        expired: "Kizuna からストアにアクセスできなくなりました。Shopify 管理画面から Kizuna を開いて再接続してください。",
        missing: "Kizuna はまだストアに接続されていません。Shopify 管理画面から Kizuna を開いて接続してください。",
      },
      renewsAutomatically: "アクセス権は自動で更新されます。",
      currency: "通貨",
      timeZone: "タイムゾーン",
      installedOn: "インストール日",
      permissions: "許可されている権限",
      noPermissions: "なし",
      storeDetailsPending: "ストアの情報を読み込んでいます。しばらくしてからページを再読み込みしてください。",
    },
    data: {
      heading: "データ",
      updatesReceived: "Shopify から受信した更新",
      lastReceivedAt: "最終受信日時",
      lastTopic: "最後の更新",
      emptyTitle: "まだ注文を受信していません",
      emptyBody: "新しい注文は、お客様が購入するとここに表示されます。",
      afterImportNote: "過去データの取り込み後は、ストアからの更新によって Kizuna の情報が最新に保たれます。",
    },
    permissions: {
      read_orders: "注文の閲覧",
      read_all_orders: "過去のすべての注文の閲覧",
      read_customers: "顧客の閲覧",
      write_customers: "顧客の編集",
      read_discounts: "ディスカウントの閲覧",
      write_discounts: "ディスカウントの作成",
    },
    topics: {
      "app/uninstalled": "アプリのアンインストール",
      "app/scopes_update": "権限の変更",
      "orders/create": "注文の作成",
      "orders/updated": "注文の更新",
      "orders/paid": "注文の支払い",
      "orders/cancelled": "注文のキャンセル",
      "refunds/create": "返金",
      "customers/create": "顧客の作成",
      "customers/update": "顧客の更新",
      "customers/delete": "顧客の削除",
      "customers_email_marketing_consent/update": "メール配信同意の変更",
      "bulk_operations/finish": "データ書き出しの完了",
      "customers/data_request": "顧客データの開示請求",
      "customers/redact": "顧客データの削除請求",
      "shop/redact": "ストアデータの削除請求",
    },
  },
} satisfies Messages;
