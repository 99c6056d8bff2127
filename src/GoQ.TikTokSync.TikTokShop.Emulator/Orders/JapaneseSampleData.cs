namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>A place a parcel can go: prefecture (L1), city or ward (L2), town (L3) and its 7-digit postal code.</summary>
internal sealed record JapaneseLocality(string Prefecture, string IsoCode, string City, string Town, string PostalCode);

internal sealed record JapaneseName(string Kanji, string Katakana);

internal sealed record CatalogSku(string SkuName, int ListPrice);

internal sealed record CatalogProduct(string Name, string SellerSkuStem, IReadOnlyList<CatalogSku> Skus);

/// <summary>
/// Sample data for generated orders. Localities are plausible pairs of real place names and postal codes chosen so that
/// the postal code's leading digits belong to the prefecture; they are illustrative, not an authoritative postal table.
/// </summary>
internal static class JapaneseSampleData
{
    public static readonly IReadOnlyList<JapaneseLocality> Localities =
    [
        new("北海道", "JP-01", "札幌市中央区", "北一条西", "0600001"),
        new("北海道", "JP-01", "旭川市", "宮下通", "0700030"),
        new("青森県", "JP-02", "青森市", "新町", "0300801"),
        new("岩手県", "JP-03", "盛岡市", "大通", "0200022"),
        new("宮城県", "JP-04", "仙台市青葉区", "一番町", "9800811"),
        new("秋田県", "JP-05", "秋田市", "中通", "0100001"),
        new("山形県", "JP-06", "山形市", "香澄町", "9900039"),
        new("福島県", "JP-07", "郡山市", "駅前", "9630201"),
        new("茨城県", "JP-08", "水戸市", "南町", "3100021"),
        new("栃木県", "JP-09", "宇都宮市", "馬場通り", "3200026"),
        new("群馬県", "JP-10", "高崎市", "八島町", "3700849"),
        new("埼玉県", "JP-11", "さいたま市大宮区", "桜木町", "3300854"),
        new("埼玉県", "JP-11", "川越市", "脇田町", "3500043"),
        new("千葉県", "JP-12", "千葉市中央区", "富士見", "2600015"),
        new("千葉県", "JP-12", "船橋市", "本町", "2730005"),
        new("東京都", "JP-13", "千代田区", "千代田", "1008111"),
        new("東京都", "JP-13", "新宿区", "西新宿", "1600023"),
        new("東京都", "JP-13", "世田谷区", "三軒茶屋", "1540024"),
        new("東京都", "JP-13", "八王子市", "旭町", "1920083"),
        new("神奈川県", "JP-14", "横浜市西区", "みなとみらい", "2200012"),
        new("神奈川県", "JP-14", "川崎市中原区", "小杉町", "2110063"),
        new("新潟県", "JP-15", "新潟市中央区", "万代", "9500088"),
        new("富山県", "JP-16", "富山市", "新富町", "9300002"),
        new("石川県", "JP-17", "金沢市", "広岡", "9200031"),
        new("福井県", "JP-18", "福井市", "大手", "9100005"),
        new("山梨県", "JP-19", "甲府市", "丸の内", "4000031"),
        new("長野県", "JP-20", "長野市", "南長野", "3800836"),
        new("岐阜県", "JP-21", "岐阜市", "橋本町", "5008856"),
        new("静岡県", "JP-22", "静岡市葵区", "黒金町", "4200851"),
        new("静岡県", "JP-22", "浜松市中央区", "砂山町", "4300926"),
        new("愛知県", "JP-23", "名古屋市中村区", "名駅", "4500002"),
        new("愛知県", "JP-23", "豊田市", "若宮町", "4710026"),
        new("三重県", "JP-24", "津市", "羽所町", "5140009"),
        new("滋賀県", "JP-25", "大津市", "春日町", "5200037"),
        new("京都府", "JP-26", "京都市下京区", "東塩小路町", "6008216"),
        new("大阪府", "JP-27", "大阪市北区", "梅田", "5300001"),
        new("大阪府", "JP-27", "堺市堺区", "戎島町", "5900014"),
        new("兵庫県", "JP-28", "神戸市中央区", "三宮町", "6500021"),
        new("兵庫県", "JP-28", "姫路市", "駅前町", "6700927"),
        new("奈良県", "JP-29", "奈良市", "三条本町", "6300122"),
        new("和歌山県", "JP-30", "和歌山市", "美園町", "6400331"),
        new("鳥取県", "JP-31", "鳥取市", "東品治町", "6800835"),
        new("島根県", "JP-32", "松江市", "朝日町", "6900003"),
        new("岡山県", "JP-33", "岡山市北区", "駅元町", "7000024"),
        new("広島県", "JP-34", "広島市南区", "松原町", "7320822"),
        new("山口県", "JP-35", "山口市", "惣太夫町", "7530043"),
        new("徳島県", "JP-36", "徳島市", "寺島本町西", "7700831"),
        new("香川県", "JP-37", "高松市", "浜ノ町", "7600011"),
        new("愛媛県", "JP-38", "松山市", "南江戸", "7908511"),
        new("高知県", "JP-39", "高知市", "栄田町", "7800056"),
        new("福岡県", "JP-40", "福岡市博多区", "博多駅中央街", "8120012"),
        new("福岡県", "JP-40", "北九州市小倉北区", "浅野", "8020001"),
        new("佐賀県", "JP-41", "佐賀市", "駅前中央", "8400801"),
        new("長崎県", "JP-42", "長崎市", "尾上町", "8500058"),
        new("熊本県", "JP-43", "熊本市西区", "春日", "8600047"),
        new("大分県", "JP-44", "大分市", "要町", "8700831"),
        new("宮崎県", "JP-45", "宮崎市", "錦町", "8800811"),
        new("鹿児島県", "JP-46", "鹿児島市", "中央町", "8900053"),
        new("沖縄県", "JP-47", "那覇市", "おもろまち", "9000006"),
    ];

    /// <summary>The 47 prefectures, for validation in tests and for the count check of the sample data.</summary>
    public static readonly IReadOnlyList<string> Prefectures =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県",
        "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
        "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
        "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ];

    public static readonly IReadOnlyList<JapaneseName> FamilyNames =
    [
        new("佐藤", "サトウ"), new("鈴木", "スズキ"), new("高橋", "タカハシ"), new("田中", "タナカ"), new("伊藤", "イトウ"),
        new("渡辺", "ワタナベ"), new("山本", "ヤマモト"), new("中村", "ナカムラ"), new("小林", "コバヤシ"), new("加藤", "カトウ"),
        new("吉田", "ヨシダ"), new("山田", "ヤマダ"), new("佐々木", "ササキ"), new("山口", "ヤマグチ"), new("松本", "マツモト"),
        new("井上", "イノウエ"), new("木村", "キムラ"), new("林", "ハヤシ"), new("斎藤", "サイトウ"), new("清水", "シミズ"),
        new("山崎", "ヤマザキ"), new("森", "モリ"), new("池田", "イケダ"), new("橋本", "ハシモト"), new("阿部", "アベ"),
        new("石川", "イシカワ"), new("前田", "マエダ"), new("藤田", "フジタ"), new("小川", "オガワ"), new("岡田", "オカダ"),
    ];

    public static readonly IReadOnlyList<JapaneseName> GivenNames =
    [
        new("太郎", "タロウ"), new("花子", "ハナコ"), new("翔太", "ショウタ"), new("美咲", "ミサキ"), new("大輔", "ダイスケ"),
        new("陽菜", "ヒナ"), new("健太", "ケンタ"), new("さくら", "サクラ"), new("拓也", "タクヤ"), new("結衣", "ユイ"),
        new("直樹", "ナオキ"), new("愛", "アイ"), new("蓮", "レン"), new("葵", "アオイ"), new("悠斗", "ユウト"),
        new("真由美", "マユミ"), new("誠", "マコト"), new("恵子", "ケイコ"), new("隆", "タカシ"), new("彩", "アヤ"),
    ];

    public static readonly IReadOnlyList<string> BuildingNames =
    [
        "サンハイツ", "グランドメゾン", "コーポ桜", "パークマンション", "レジデンス青葉", "ハイム緑ヶ丘", "メゾン・ド・ソレイユ",
        "ライオンズマンション", "シャトー松風", "ヴィラ若葉",
    ];

    public static readonly IReadOnlyList<string> BuyerMessages =
    [
        "午前中の配達を希望します。",
        "ギフト包装をお願いします。",
        "不在の場合は宅配ボックスに入れてください。",
        "のし（御礼）をお願いします。",
        "到着を急いでいます。よろしくお願いします。",
    ];

    /// <summary>Buyers write emoji too; none of them fits Shift_JIS.</summary>
    public static readonly IReadOnlyList<string> EmojiBuyerMessages =
    [
        "誕生日プレゼントです🎁 よろしくお願いします😊",
        "楽しみにしています✨",
        "置き配でお願いします🙏",
    ];

    public static readonly IReadOnlyList<string> PaymentMethods = ["クレジットカード", "PayPay", "コンビニ払い", "あと払い（ペイディ）"];

    public static readonly IReadOnlyList<CatalogProduct> Catalog =
    [
        new("国産ひのき まな板", "HNK-MNT", [new("小, ナチュラル", 2980), new("大, ナチュラル", 3980)]),
        new("南部鉄器 急須 0.6L", "NBT-KYS", [new("黒", 8800), new("藍", 9350)]),
        new("今治タオル フェイスタオル 2枚組", "IMB-FT2", [new("ホワイト", 2200), new("ネイビー", 2200), new("ピンク", 2200)]),
        new("有田焼 マグカップ", "ARI-MUG", [new("染付 唐草", 1980), new("赤絵 花", 2420)]),
        new("静岡県産 深蒸し煎茶 100g", "SZK-SEN", [new("100g×1袋", 1080), new("100g×3袋", 2980)]),
        new("無添加 ドリップコーヒー 30袋", "DRP-C30", [new("中煎り", 2480), new("深煎り", 2480)]),
        new("スマホ用 手帳型ケース", "SPH-CSE", [new("iPhone 15, ブラック", 1680), new("iPhone 15, ベージュ", 1680), new("Pixel 8, ブラック", 1680)]),
        new("オーガニックコットン Tシャツ", "ORG-TSH", [new("M, ホワイト", 3300), new("L, ホワイト", 3300), new("L, ブラック", 3300)]),
        new("珪藻土 バスマット", "KSD-BMT", [new("60×39cm, グレー", 2780)]),
        new("北海道産 ゆめぴりか 5kg", "YMP-5KG", [new("5kg", 3980)]),
        new("ステンレス 保温ボトル 500ml", "STB-500", [new("シルバー", 2640), new("マットブラック", 2860)]),
        new("天然木 ワイヤレス充電器", "WDC-QI", [new("ウォルナット", 4980), new("オーク", 4980)]),
    ];
}
