using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using GoQ.TikTokSync.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace GoQ.TikTokSync.Core.Shipping.ImportTrackingCsv;

/// <summary>"TrackingImport" section: how big a 伝票番号取込 file may be and how long its preview can still be confirmed.</summary>
public sealed class TrackingCsvUploadOptions
{
    public const string SectionName = "TrackingImport";

    /// <summary>The one size limit of an uploaded file; the page's request and form limits are derived from it.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromHours(1);
}

public enum TrackingCsvUploadLookup
{
    Found,
    Missing,
    Expired,
    OtherUser,
}

public sealed class TrackingCsvUploads(TikTokSyncDbContext db, TimeProvider time, IOptions<TrackingCsvUploadOptions> options)
{
    /// <summary>Expired rows stay this long so that a late 確定 hears "expired" rather than "not found".</summary>
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    public async Task<string> SaveAsync(string userId, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await PurgeAsync(now, cancellationToken);
        var upload = new TrackingCsvUpload
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            UserId = userId,
            FileName = fileName,
            Content = content,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + options.Value.UploadLifetime,
        };
        db.Set<TrackingCsvUpload>().Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(upload).State = EntityState.Detached;
        return upload.Id;
    }

    public async Task<(TrackingCsvUploadLookup Lookup, TrackingCsvUpload? Upload)> FindAsync(string? token, string userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return (TrackingCsvUploadLookup.Missing, null);
        }

        var upload = await db.Set<TrackingCsvUpload>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == token, cancellationToken);
        if (upload is null)
        {
            return (TrackingCsvUploadLookup.Missing, null);
        }

        if (!string.Equals(upload.UserId, userId, StringComparison.Ordinal))
        {
            return (TrackingCsvUploadLookup.OtherUser, null);
        }

        return upload.ExpiresAtUtc <= time.GetUtcNow().UtcDateTime
            ? (TrackingCsvUploadLookup.Expired, null)
            : (TrackingCsvUploadLookup.Found, upload);
    }

    /// <summary>After 確定 the file is done with.</summary>
    public Task<int> DeleteAsync(string token, CancellationToken cancellationToken) =>
        db.Set<TrackingCsvUpload>().Where(u => u.Id == token).ExecuteDeleteAsync(cancellationToken);

    private Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var cutoff = nowUtc - KeptAfterExpiry;
        return db.Set<TrackingCsvUpload>().Where(u => u.ExpiresAtUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
