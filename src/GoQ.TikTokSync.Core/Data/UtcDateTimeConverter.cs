using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GoQ.TikTokSync.Core.Data;

/// <summary>
/// Every DateTime in the store is UTC. Values read back come out with Kind=Utc so that conversions to JST
/// never treat them as local time; SQLite in particular returns Unspecified.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Utc ? toStore : toStore.ToUniversalTime(),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
