namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>
/// Outcome of one contract check. Each error starts with the JSON pointer (or query parameter name) it concerns.
/// </summary>
public sealed record ContractResult(bool IsValid, IReadOnlyList<string> Errors)
{
    public static ContractResult Valid { get; } = new(true, Array.Empty<string>());

    public static ContractResult FromErrors(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0 ? Valid : new ContractResult(false, errors);
    }

    /// <summary>Throws <see cref="ContractViolationException"/> listing every error when the check failed.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ContractViolationException(Errors);
        }
    }
}
