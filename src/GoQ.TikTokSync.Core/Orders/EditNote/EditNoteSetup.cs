using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Core.Orders.EditNote;

public static class EditNoteSetup
{
    /// <summary>受注詳細's 備考.</summary>
    public static IServiceCollection AddEditNote(this IServiceCollection services) => services.AddScoped<NoteEdit>();
}
