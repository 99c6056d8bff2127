using GoQ.TikTokSync.TikTokShop.Models;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GoQ.TikTokSync.Core.Data;

/// <summary>
/// TikTok's order status is stored as TikTok's own string, so a value TikTok adds later round-trips unchanged and the
/// column reads the same in SQL as the API's JSON.
/// </summary>
public sealed class TikTokOrderStatusConverter() : ValueConverter<TikTokOrderStatus, string>(
    status => status.Value,
    stored => new TikTokOrderStatus(stored));
