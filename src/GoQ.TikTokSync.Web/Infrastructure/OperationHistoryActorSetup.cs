using System.Security.Claims;
using GoQ.TikTokSync.Core.OperationHistory;

namespace GoQ.TikTokSync.Web.Infrastructure;

public static class OperationHistoryActorSetup
{
    /// <summary>操作履歴: the recorder learns who acts from the current request.</summary>
    public static IServiceCollection AddOperationHistoryActor(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<IOperationActorSource, RequestOperationActorSource>();
        return services;
    }

    /// <summary>The signed-in user and the client address (behind a proxy, configure forwarded headers so this is the real one).</summary>
    private sealed class RequestOperationActorSource(IHttpContextAccessor accessor) : IOperationActorSource
    {
        public OperationActor Current
        {
            get
            {
                var context = accessor.HttpContext
                    ?? throw new InvalidOperationException("操作履歴 is written for operator actions, which always run inside a request.");
                var user = context.User;
                return new OperationActor(
                    user.FindFirstValue(ClaimTypes.NameIdentifier),
                    user.Identity?.Name ?? "(不明)",
                    context.Connection.RemoteIpAddress?.ToString());
            }
        }
    }
}
