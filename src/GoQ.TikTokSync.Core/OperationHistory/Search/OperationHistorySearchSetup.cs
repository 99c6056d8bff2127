using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.OperationHistory.Search;

public static class OperationHistorySearchSetup
{
    /// <summary>操作履歴's page: filters, paging and the CSV download.</summary>
    public static IServiceCollection AddOperationHistorySearch(this IServiceCollection services) => services.AddScoped<OperationHistorySearch>();
}
