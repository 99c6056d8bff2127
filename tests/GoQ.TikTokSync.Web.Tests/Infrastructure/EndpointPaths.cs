using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoQ.TikTokSync.Web.Tests.Infrastructure;

public static class EndpointPaths
{
    /// <summary>A request path for a route template: catch-alls dropped, every other parameter given the value 1.</summary>
    public static string Concrete(string template)
    {
        var path = "/" + template.TrimStart('/');
        path = Regex.Replace(path, @"\{\*\*?[^}]*\}", string.Empty);
        path = Regex.Replace(path, @"\{[^}]*\}", "1");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>
    /// Every Razor page the app maps, compiled, with a request path for it: what the role matrix and the form fuzz test
    /// walk, so that a page added tomorrow is covered without anyone listing it.
    /// </summary>
    public static async Task<IReadOnlyList<(string Url, string ViewEnginePath, CompiledPageActionDescriptor Page)>> CompiledPagesAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var pages = services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(e => e.Page is not null)
            .DistinctBy(e => e.Page!.ViewEnginePath);
        var compiled = new List<(string, string, CompiledPageActionDescriptor)>();
        foreach (var (endpoint, page) in pages)
        {
            compiled.Add((Concrete(endpoint.RoutePattern.RawText ?? "/"), page!.ViewEnginePath, await loader.LoadAsync(page, endpoint.Metadata)));
        }

        return compiled;
    }
}
