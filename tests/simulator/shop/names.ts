// Name and place pools for generated customers: common Japanese family and given names (kanji with a
// romaji reading for email addresses), common English names, and a few Japanese and US addresses.
// Shopify's province codes for Japan are ISO 3166-2 ("JP-13" for Tokyo).

/** [kanji, romaji] */
export type JapaneseName = readonly [string, string];

export const JAPANESE_FAMILY_NAMES: readonly JapaneseName[] = [
  ["佐藤", "sato"],
  ["鈴木", "suzuki"],
  ["高橋", "takahashi"],
  ["田中", "tanaka"],
  ["伊藤", "ito"],
  ["渡辺", "watanabe"],
  ["山本", "yamamoto"],
  ["中村", "nakamura"],
  ["小林", "kobayashi"],
  ["加藤", "kato"],
  ["吉田", "yoshida"],
  ["山田", "yamada"],
  ["佐々木", "sasaki"],
  ["山口", "yamaguchi"],
  ["松本", "matsumoto"],
  ["井上", "inoue"],
  ["木村", "kimura"],
  ["林", "hayashi"],
  ["斎藤", "saito"],
  ["清水", "shimizu"],
  ["山崎", "yamazaki"],
  ["森", "mori"],
  ["池田", "ikeda"],
  ["橋本", "hashimoto"],
  ["阿部", "abe"],
  ["石川", "ishikawa"],
  ["山下", "yamashita"],
  ["中島", "nakajima"],
  ["石井", "ishii"],
  ["小川", "ogawa"],
  ["前田", "maeda"],
  ["岡田", "okada"],
  ["長谷川", "hasegawa"],
  ["藤田", "fujita"],
  ["後藤", "goto"],
  ["近藤", "kondo"],
  ["村上", "murakami"],
  ["遠藤", "endo"],
  ["青木", "aoki"],
  ["坂本", "sakamoto"],
];

export const JAPANESE_GIVEN_NAMES: readonly JapaneseName[] = [
  ["健", "ken"],
  ["翔太", "shota"],
  ["大輔", "daisuke"],
  ["拓也", "takuya"],
  ["直樹", "naoki"],
  ["蓮", "ren"],
  ["悠真", "yuma"],
  ["湊", "minato"],
  ["大翔", "hiroto"],
  ["陽翔", "haruto"],
  ["誠", "makoto"],
  ["浩二", "koji"],
  ["剛", "tsuyoshi"],
  ["和也", "kazuya"],
  ["亮", "ryo"],
  ["陽子", "yoko"],
  ["美咲", "misaki"],
  ["さくら", "sakura"],
  ["結衣", "yui"],
  ["陽菜", "hina"],
  ["愛", "ai"],
  ["恵子", "keiko"],
  ["由美", "yumi"],
  ["真由美", "mayumi"],
  ["彩", "aya"],
  ["芽依", "mei"],
  ["葵", "aoi"],
  ["凛", "rin"],
  ["奈々", "nana"],
  ["香織", "kaori"],
];

export const ENGLISH_FIRST_NAMES: readonly string[] = [
  "James",
  "Olivia",
  "Liam",
  "Emma",
  "Noah",
  "Ava",
  "Ethan",
  "Sophia",
  "Lucas",
  "Mia",
  "Mason",
  "Isabella",
  "Logan",
  "Charlotte",
  "Oliver",
  "Amelia",
  "Elijah",
  "Harper",
  "Aiden",
  "Emily",
];

export const ENGLISH_LAST_NAMES: readonly string[] = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Miller",
  "Davis",
  "Wilson",
  "Anderson",
  "Taylor",
  "Thomas",
  "Moore",
  "Martin",
  "Jackson",
  "White",
  "Harris",
  "Clark",
  "Lewis",
  "Walker",
  "Young",
];

export interface PlacePool {
  province: string;
  provinceCode: string;
  city: string;
  /** The street part before the house number. */
  street: string;
  /** Postal-code prefix; the generator appends digits. */
  zipPrefix: string;
}

export const JAPANESE_PLACES: readonly PlacePool[] = [
  {
    province: "東京都",
    provinceCode: "JP-13",
    city: "渋谷区",
    street: "神宮前",
    zipPrefix: "150-",
  },
  {
    province: "東京都",
    provinceCode: "JP-13",
    city: "世田谷区",
    street: "三軒茶屋",
    zipPrefix: "154-",
  },
  {
    province: "神奈川県",
    provinceCode: "JP-14",
    city: "横浜市中区",
    street: "山下町",
    zipPrefix: "231-",
  },
  {
    province: "大阪府",
    provinceCode: "JP-27",
    city: "大阪市北区",
    street: "梅田",
    zipPrefix: "530-",
  },
  {
    province: "愛知県",
    provinceCode: "JP-23",
    city: "名古屋市中区",
    street: "栄",
    zipPrefix: "460-",
  },
  {
    province: "福岡県",
    provinceCode: "JP-40",
    city: "福岡市中央区",
    street: "天神",
    zipPrefix: "810-",
  },
  {
    province: "北海道",
    provinceCode: "JP-01",
    city: "札幌市中央区",
    street: "大通西",
    zipPrefix: "060-",
  },
  {
    province: "京都府",
    provinceCode: "JP-26",
    city: "京都市中京区",
    street: "河原町",
    zipPrefix: "604-",
  },
  {
    province: "埼玉県",
    provinceCode: "JP-11",
    city: "さいたま市浦和区",
    street: "高砂",
    zipPrefix: "330-",
  },
  {
    province: "宮城県",
    provinceCode: "JP-04",
    city: "仙台市青葉区",
    street: "一番町",
    zipPrefix: "980-",
  },
];

export const US_PLACES: readonly PlacePool[] = [
  {
    province: "California",
    provinceCode: "CA",
    city: "San Francisco",
    street: "Market St",
    zipPrefix: "941",
  },
  {
    province: "New York",
    provinceCode: "NY",
    city: "Brooklyn",
    street: "Atlantic Ave",
    zipPrefix: "112",
  },
  {
    province: "Washington",
    provinceCode: "WA",
    city: "Seattle",
    street: "Pine St",
    zipPrefix: "981",
  },
  {
    province: "Texas",
    provinceCode: "TX",
    city: "Austin",
    street: "Congress Ave",
    zipPrefix: "787",
  },
  {
    province: "Hawaii",
    provinceCode: "HI",
    city: "Honolulu",
    street: "Kapiolani Blvd",
    zipPrefix: "968",
  },
];
