using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GoQ.TikTokSync.TikTokShop.Emulator.Orders;

public enum OrderSortField
{
    CreateTime,
    UpdateTime,
}

/// <summary>Where the previous page stopped: the sort key of its last order.</summary>
internal readonly record struct SearchCursor(OrderSortField Field, bool Descending, ulong FilterFingerprint, long Time, string OrderId);

/// <summary>
/// Opaque page tokens: standard base64 (so they can contain '+' and '/', like TikTok's, docs/tiktok-shop-api.md#signing-algorithm) over the cursor and a
/// MAC, so that a token from another search, another emulator or a hand-edited one is refused instead of misread.
/// </summary>
internal sealed class PageTokenCodec
{
    private const byte FormatVersion = 1;
    private const int MacLength = 12;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Encode(SearchCursor cursor)
    {
        var id = Encoding.ASCII.GetBytes(cursor.OrderId);
        var payload = new byte[1 + 1 + 1 + 8 + 8 + 1 + id.Length];
        payload[0] = FormatVersion;
        payload[1] = (byte)cursor.Field;
        payload[2] = cursor.Descending ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(3), cursor.FilterFingerprint);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(11), cursor.Time);
        payload[19] = checked((byte)id.Length);
        id.CopyTo(payload, 20);

        var mac = HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength);
        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        mac.CopyTo(token.AsSpan(payload.Length));
        return Convert.ToBase64String(token);
    }

    public bool TryDecode(string token, out SearchCursor cursor)
    {
        cursor = default;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(token);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length < 20 + MacLength)
        {
            return false;
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        var expectedMac = HMACSHA256.HashData(_key, payload).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expectedMac, bytes.AsSpan(bytes.Length - MacLength)))
        {
            return false;
        }

        if (payload[0] != FormatVersion || payload[1] > 1 || payload[19] != payload.Length - 20)
        {
            return false;
        }

        cursor = new SearchCursor(
            (OrderSortField)payload[1],
            payload[2] == 1,
            BinaryPrimitives.ReadUInt64BigEndian(payload[3..]),
            BinaryPrimitives.ReadInt64BigEndian(payload[11..]),
            Encoding.ASCII.GetString(payload[20..]));
        return true;
    }
}
