namespace GoQ.TikTokSync.Core.Malls;

/// <summary>
/// The connection is set to 利用しない in モール選択: nothing may be fetched from or pushed to TikTok for it. Thrown by the
/// token source, the one thing every TikTok call of a connection goes through, so that no path can call TikTok for it.
/// </summary>
public sealed class MallConnectionDisabledException : Exception
{
    /// <summary>What an operator reads where an action of a disabled connection is refused.</summary>
    public const string JapaneseReason = "このショップは利用しない設定です";

    public MallConnectionDisabledException()
        : this("The connection is set not to be used.")
    {
    }

    public MallConnectionDisabledException(string message)
        : base(message)
    {
    }

    public MallConnectionDisabledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int MallConnectionId { get; init; }
}
