namespace GoQ.TikTokSync.Core.Orders;

/// <summary>The carriers TikTok Shop Japan integrates for seller shipping (docs/tiktok-shop-api.md#jp-fulfilment-flow).</summary>
public enum Carrier
{
    Yamato,
    Sagawa,
    JapanPost,
    SeinoTransportation,
    SeinoSuperExpress,
}

public static class Carriers
{
    public static IReadOnlyList<Carrier> All { get; } =
        [Carrier.Yamato, Carrier.Sagawa, Carrier.JapanPost, Carrier.SeinoTransportation, Carrier.SeinoSuperExpress];

    public static string JapaneseName(this Carrier carrier) => carrier switch
    {
        Carrier.Yamato => "ヤマト運輸",
        Carrier.Sagawa => "佐川急便",
        Carrier.JapanPost => "日本郵便",
        Carrier.SeinoTransportation => "西濃運輸",
        Carrier.SeinoSuperExpress => "西濃スーパーエクスプレス",
        _ => throw new ArgumentOutOfRangeException(nameof(carrier), carrier, null),
    };
}
