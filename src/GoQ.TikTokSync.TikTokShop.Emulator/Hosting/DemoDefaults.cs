namespace GoQ.TikTokSync.TikTokShop.Emulator;

/// <summary>
/// The registered app and sellers used by the product's offline demo and by <c>dotnet run</c>.
/// Every value here is made up; none of them is a real TikTok credential.
/// </summary>
public static class DemoDefaults
{
    public const string AppKey = "6demo0jp1emu";
    public const string AppSecret = "e59af819cc0demo0secret0emulator0jp";
    public const string ServiceId = "7310000000000000001";
    public const string AppName = "GoQ TikTok Sync (demo)";
    public const string RedirectUrl = "http://127.0.0.1:5000/tiktok/callback";

    public const string SellerLoginId = "demo-seller@example.jp";
    public const string SellerPassword = "demo-password";
    public const string SellerName = "GoQデモ商店";

    public const string ShopId = "7495540735365777507";
    public const string ShopName = "GoQデモ商店 TikTok Shop";
    public const string ShopCipher = "ROW_demoJPcipherAAAB8tKAVoAqsMTjsQZFLy";
    public const string ShopCode = "JPLCDEMO01";
    public const string WarehouseId = "7300000000000000101";

    public static List<EmulatorSellerAccount> CreateSellers() =>
    [
        new EmulatorSellerAccount
        {
            LoginId = SellerLoginId,
            Password = SellerPassword,
            SellerName = SellerName,
            Shops =
            [
                new EmulatorShop
                {
                    Id = ShopId,
                    Name = ShopName,
                    Region = "JP",
                    SellerType = "LOCAL",
                    Cipher = ShopCipher,
                    Code = ShopCode,
                    WarehouseId = WarehouseId,
                },
            ],
        },
    ];

    /// <summary>The scopes an order-management app needs (docs/tiktok-shop-api.md#token-errors).</summary>
    public static List<string> CreateGrantedScopes() =>
    [
        "seller.authorization.info",
        "seller.order.info",
        "seller.fulfillment.basic",
        "seller.logistics",
        "seller.return_refund.basic",
    ];
}
