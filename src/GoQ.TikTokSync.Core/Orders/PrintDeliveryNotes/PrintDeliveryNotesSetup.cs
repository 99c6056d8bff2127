using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Orders.PrintDeliveryNotes;

public static class PrintDeliveryNotesSetup
{
    /// <summary>納品書の印刷.</summary>
    public static IServiceCollection AddPrintDeliveryNotes(this IServiceCollection services) => services.AddScoped<DeliveryNoteSheets>();
}
