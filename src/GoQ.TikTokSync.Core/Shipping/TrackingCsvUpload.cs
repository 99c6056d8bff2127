namespace GoQ.TikTokSync.Core.Shipping;

/// <summary>A previewed file waiting for 確定, kept in the store so that any node sharing it can confirm.</summary>
public sealed class TrackingCsvUpload
{
    /// <summary>The random token the page carries between preview and 確定.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Only the user who uploaded the file may confirm it.</summary>
    public string UserId { get; set; } = string.Empty;

    public string FileName { get; set; } = string.Empty;

    public byte[] Content { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}
