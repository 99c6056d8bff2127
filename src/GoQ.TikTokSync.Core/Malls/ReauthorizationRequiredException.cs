namespace GoQ.TikTokSync.Core.Malls;

/// <summary>The connection cannot call TikTok until an operator runs 認証 again (revoked, authorization expired, never authorized).</summary>
public sealed class ReauthorizationRequiredException : Exception
{
    public ReauthorizationRequiredException()
    {
    }

    public ReauthorizationRequiredException(string message)
        : base(message)
    {
    }

    public ReauthorizationRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int MallConnectionId { get; init; }
}
