namespace GoQ.TikTokSync.Testing.OpenApiContract.Tests;

public class TokenResponseContractTests
{
    private readonly TikTokShopOpenApi oas = TikTokShopOpenApi.Load();

    [Fact]
    public void ValidateTokenResponse_DocumentedShape_IsValid()
    {
        var result = oas.ValidateTokenResponse(Samples.TokenResponse);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void ValidateTokenResponse_RefreshExpiryBeyondInt32_IsValid()
    {
        // A live refresh_token_expire_in of 4912765591 was observed (docs/tiktok-shop-api.md#token-exchange).
        var json = JsonEdit.Change(Samples.TokenResponse, root => root["data"]!["refresh_token_expire_in"] = 4912765591L);

        Assert.True(oas.ValidateTokenResponse(json).IsValid);
    }

    [Theory]
    [InlineData("access_token_expire_in")]
    [InlineData("refresh_token_expire_in")]
    public void ValidateTokenResponse_ExpiryAsString_ReportsTypeError(string field)
    {
        var json = JsonEdit.Change(Samples.TokenResponse, root => root["data"]![field] = "604800");

        Assert.StartsWith("/data/" + field + ":", Assert.Single(oas.ValidateTokenResponse(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateTokenResponse_ExpiryAsDuration_ReportsIt()
    {
        // *_expire_in are absolute Unix seconds, never a lifetime such as 7 days.
        var json = JsonEdit.Change(Samples.TokenResponse, root => root["data"]!["access_token_expire_in"] = 604800);

        Assert.StartsWith("/data/access_token_expire_in:", Assert.Single(oas.ValidateTokenResponse(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateTokenResponse_UserTypeAsString_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.TokenResponse, root => root["data"]!["user_type"] = "0");

        Assert.StartsWith("/data/user_type:", Assert.Single(oas.ValidateTokenResponse(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateTokenResponse_ScopesAsCommaString_ReportsTypeError()
    {
        var json = JsonEdit.Change(Samples.TokenResponse, root => root["data"]!["granted_scopes"] = "seller.order.info,seller.fulfillment.basic");

        Assert.StartsWith("/data/granted_scopes:", Assert.Single(oas.ValidateTokenResponse(json).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateTokenResponse_OAuthStyleFields_ReportsUnknownProperties()
    {
        var json = JsonEdit.Change(Samples.TokenResponse, root =>
        {
            root["data"]!["expires_in"] = 604800;
            root["data"]!["token_type"] = "Bearer";
        });

        var errors = oas.ValidateTokenResponse(json).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, error => error.StartsWith("/data/expires_in:", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("/data/token_type:", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateTokenResponse_SuccessWithoutRefreshToken_ReportsMissingField()
    {
        var json = JsonEdit.Change(Samples.TokenResponse, root => root["data"]!.AsObject().Remove("refresh_token"));

        var error = Assert.Single(oas.ValidateTokenResponse(json).Errors);

        Assert.StartsWith("/data:", error, StringComparison.Ordinal);
        Assert.Contains("refresh_token", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateTokenResponse_InvalidAuthCodeError_IsValid()
    {
        const string json = """{"code":36004004,"message":"Invalid auth code.","request_id":"2024","data":null}""";

        Assert.True(oas.ValidateTokenResponse(json).IsValid);
    }

    [Fact]
    public void ValidateTokenResponse_SuccessWithNullData_ReportsIt()
    {
        const string json = """{"code":0,"message":"success","request_id":"2024","data":null}""";

        Assert.False(oas.ValidateTokenResponse(json).IsValid);
    }
}
