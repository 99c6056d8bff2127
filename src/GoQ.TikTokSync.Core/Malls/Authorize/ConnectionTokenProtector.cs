using Microsoft.AspNetCore.DataProtection;

namespace GoQ.TikTokSync.Core.Malls.Authorize;

/// <summary>
/// Tokens are encrypted at rest with Data Protection. The keys live in the store, so every node of one installation
/// can decrypt what another node wrote.
/// </summary>
public sealed class ConnectionTokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("GoQ.TikTokSync.MallConnection.Tokens.v1");

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string protectedToken) => _protector.Unprotect(protectedToken);
}
