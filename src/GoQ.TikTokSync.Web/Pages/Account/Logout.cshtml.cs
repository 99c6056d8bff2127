using GoQ.TikTokSync.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Account;

public class LogoutModel(SignInManager<AppUser> signInManager, UserManager<AppUser> userManager) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    /// <summary>
    /// Ends the session on the server, not only in this browser: the new security stamp makes every cookie issued before
    /// it (a copied one included, and the user's sessions in other browsers) fail its next request.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await userManager.GetUserAsync(User) is { } user)
        {
            await userManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
