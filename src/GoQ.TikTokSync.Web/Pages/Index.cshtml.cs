using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {

    }
}
