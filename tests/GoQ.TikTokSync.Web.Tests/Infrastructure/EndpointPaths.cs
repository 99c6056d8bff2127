using System.Text.RegularExpressions;

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
}
