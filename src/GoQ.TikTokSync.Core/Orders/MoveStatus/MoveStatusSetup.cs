using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Orders.MoveStatus;

public static class MoveStatusSetup
{
    /// <summary>受注一覧's ステータス移動 and キャンセル確認.</summary>
    public static IServiceCollection AddMoveStatus(this IServiceCollection services) => services.AddScoped<StatusMovesFromList>();
}
