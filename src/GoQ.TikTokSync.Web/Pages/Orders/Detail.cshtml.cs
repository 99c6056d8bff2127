using GoQ.TikTokSync.Core.Malls;
using GoQ.TikTokSync.Core.Orders;
using GoQ.TikTokSync.Core.Orders.ConfirmAddressChange;
using GoQ.TikTokSync.Core.Orders.EditNote;
using GoQ.TikTokSync.Core.Shipping.EditPackages;
using GoQ.TikTokSync.Core.Orders.ViewOrder;
using GoQ.TikTokSync.Core.Shipping.EnterTracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GoQ.TikTokSync.Web.Pages.Orders;

/// <summary>受注詳細: everything about one order as a Japanese operator reads it, with the shipping entry and 備考.</summary>
public class DetailModel(OrderDetail detail, PackageEdit packages, NoteEdit notes, AddressChangeConfirmation addressChanges) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public Order Order { get; private set; } = null!;

    public string ConnectionName { get; private set; } = string.Empty;

    /// <summary>同梱: the other orders TikTok combined with this one into one parcel.</summary>
    public IReadOnlyList<string> CombinedWith { get; private set; } = [];

    public IReadOnlyList<SkuGroup> Skus { get; private set; } = [];

    [BindProperty]
    public ShippingInput Shipping { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Lines not yet in any package: the default content of a new package.</summary>
    public IReadOnlyList<OrderLine> RemainingLines { get; private set; } = [];

    public IReadOnlyList<ShippingPushAttempt> Attempts { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Shipping = new ShippingInput
        {
            Carrier = await detail.DefaultCarrierAsync(Order, cancellationToken),
            LineItemIds = RemainingLines.Select(l => l.TikTokLineItemId).ToList(),
        };
        Note = Order.OperatorNote;
        return Page();
    }

    /// <summary>Adds a package (no PackageId) or changes one; the rules are <see cref="ShippingEntry"/>'s.</summary>
    public async Task<IActionResult> OnPostShippingAsync(CancellationToken cancellationToken)
    {
        var result = await packages.SaveAsync(
            Id,
            Shipping.PackageId,
            new PackageInput(Shipping.Carrier, Shipping.TrackingNumber, Shipping.ShipDate, Shipping.LineItemIds),
            Shipping.Version,
            User.Identity!.Name,
            cancellationToken);
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!result.Saved)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError("Shipping." + field, message);
            }

            return Page();
        }

        Notice = result.Warning is null ? "発送情報を保存しました。" : "発送情報を保存しました。注意: " + result.Warning;
        return Redirect($"/Orders/{Id}");
    }

    /// <summary>再送信: a failed package goes back in line and is pushed now.</summary>
    public async Task<IActionResult> OnPostResendAsync(long packageId, CancellationToken cancellationToken)
    {
        var (outcome, run) = await packages.ResendAsync(Id, packageId, User.Identity!.Name!, cancellationToken);
        switch (outcome)
        {
            case ResendOutcome.NotFound:
                return NotFound();
            case ResendOutcome.ConnectionDisabled:
                Notice = $"再送信できません。{MallConnectionDisabledException.JapaneseReason}（各種設定 › モール選択）。";
                return Redirect($"/Orders/{Id}");
        }

        Notice = run is null ? "再送信できる状態ではありません（送信中または送信済み）。" : "再送信を開始しました。結果は自動処理ログで確認できます。";
        return Redirect(run is { } started ? Export.RunModel.PageUrl(started) : $"/Orders/{Id}");
    }

    public async Task<IActionResult> OnPostDeletePackageAsync(long packageId, CancellationToken cancellationToken)
    {
        var (found, refused) = await packages.DeleteAsync(Id, packageId, User.Identity!.Name!, cancellationToken);
        if (!found)
        {
            return NotFound();
        }

        Notice = refused ?? "荷物を削除しました。";
        return Redirect($"/Orders/{Id}");
    }

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken)
    {
        var outcome = await notes.SaveAsync(Id, Note, User.Identity!.Name, cancellationToken);
        if (outcome == NoteOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome != NoteOutcome.Saved)
        {
            // Too long, or an import or a push changed the order meanwhile: the page again with the note as typed.
            await LoadAsync(cancellationToken);
            ModelState.AddModelError(nameof(Note), outcome == NoteOutcome.TooLong ? "備考は4000文字以内で入力してください。" : ConcurrentUpdate.Message);
            return Page();
        }

        Notice = "備考を保存しました。";
        return Redirect($"/Orders/{Id}");
    }

    /// <summary>住所変更を確認: the operator checked the package against the changed address; 自動書き出し may send it again.</summary>
    public async Task<IActionResult> OnPostConfirmAddressAsync(CancellationToken cancellationToken)
    {
        var outcome = await addressChanges.ConfirmAsync(Id, User.Identity!.Name!, cancellationToken);
        if (outcome == AddressConfirmOutcome.NotFound)
        {
            return NotFound();
        }

        Notice = outcome switch
        {
            AddressConfirmOutcome.Confirmed => "住所変更を確認しました。この注文は自動書き出しの対象に戻ります。",
            AddressConfirmOutcome.NothingToConfirm => "確認が必要な住所変更はありません。",
            _ => ConcurrentUpdate.Message,
        };
        return Redirect($"/Orders/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await detail.LoadAsync(Id, cancellationToken) is not { } view)
        {
            return false;
        }

        (Order, ConnectionName, Skus, RemainingLines, Attempts) = (view.Order, view.ConnectionName, view.Skus, view.RemainingLines, view.Attempts);
        CombinedWith = view.CombinedWith;
        return true;
    }

    public static string StateLabel(ShipmentPushState state) => state switch
    {
        ShipmentPushState.Pending => "未送信",
        ShipmentPushState.Pushing => "送信中",
        ShipmentPushState.Pushed => "送信済み",
        ShipmentPushState.Failed => "送信失敗",
        ShipmentPushState.OutcomeUnknown => "結果確認中",
        _ => "未入力",
    };

    /// <summary>Bootstrap badge colour of a package state: green done, red needs the operator, yellow TikTok to be asked.</summary>
    public static string StateBadge(ShipmentPushState state) => state switch
    {
        ShipmentPushState.Pushed => "bg-success",
        ShipmentPushState.Failed => "bg-danger",
        ShipmentPushState.OutcomeUnknown => "bg-warning text-dark",
        _ => "bg-secondary",
    };

    /// <summary>A package is locked while a push holds it or while its outcome at TikTok is unknown (see ShippingEntry.LockedReason).</summary>
    public static bool IsLocked(ShipmentPushState state) => state is ShipmentPushState.Pushing or ShipmentPushState.OutcomeUnknown;

    public static string ResultLabel(ShippingPushResult result) => result switch
    {
        ShippingPushResult.Success => "成功",
        ShippingPushResult.Failed => "失敗",
        ShippingPushResult.OutcomeUnknown => "結果不明",
        ShippingPushResult.ConfirmedByReadBack => "照会で確認",
        ShippingPushResult.NotShippedOnTikTok => "照会: 未発送",
        _ => result.ToString(),
    };

    public sealed class ShippingInput
    {
        /// <summary>The package being changed; null adds a package.</summary>
        public long? PackageId { get; set; }

        /// <summary>The package's concurrency token when the form was shown.</summary>
        public Guid? Version { get; set; }

        public List<string> LineItemIds { get; set; } = [];

        public Carrier? Carrier { get; set; }

        public string? TrackingNumber { get; set; }

        /// <summary>yyyy-MM-dd from the date input (JST calendar date).</summary>
        public string? ShipDate { get; set; }
    }
}
