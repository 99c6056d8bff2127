namespace GoQ.TikTokSync.Web.Pages;

/// <summary>
/// What an operator reads when a save lost a race with an import, a push or a token refresh (DbUpdateConcurrencyException):
/// the page is shown again with what they typed, nothing is saved.
/// </summary>
public static class ConcurrentUpdate
{
    public const string Message = "他の処理と同時に更新されました。画面を開き直してください。";
}
