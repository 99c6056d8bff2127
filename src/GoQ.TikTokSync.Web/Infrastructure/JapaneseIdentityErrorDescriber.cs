using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace GoQ.TikTokSync.Web.Infrastructure;

/// <summary>Identity's validation messages in the operators' language.</summary>
public sealed class JapaneseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), string.Format(CultureInfo.InvariantCulture, "パスワードは{0}文字以上で入力してください。", length));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "パスワードには数字を1文字以上含めてください。");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "パスワードには英小文字を1文字以上含めてください。");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "パスワードには英大文字を1文字以上含めてください。");

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "パスワードには記号を1文字以上含めてください。");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), string.Format(CultureInfo.InvariantCulture, "パスワードには{0}種類以上の文字を使ってください。", uniqueChars));

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), string.Format(CultureInfo.InvariantCulture, "メールアドレス {0} は既に登録されています。", email));

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), string.Format(CultureInfo.InvariantCulture, "ログインID {0} は既に使われています。", userName));

    public override IdentityError InvalidEmail(string? email) =>
        Error(nameof(InvalidEmail), "メールアドレスの形式が正しくありません。");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), "ログインIDに使えない文字が含まれています。");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "現在のパスワードが正しくありません。");

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "処理中にエラーが発生しました。");

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), "他の操作と競合しました。画面を再読み込みしてやり直してください。");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
