using GoQ.TikTokSync.TikTokShop.Emulator.Protocol;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

/// <summary>What an Open API call on a shop gave: its data, or the error TikTok would answer with.</summary>
internal readonly record struct Outcome<T>(T? Value, EmulatorError? Error)
    where T : class
{
    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(EmulatorError error) => new(null, error);
}
