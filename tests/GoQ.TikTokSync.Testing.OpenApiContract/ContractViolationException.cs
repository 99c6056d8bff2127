namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>
/// Raised by <see cref="ContractResult.ThrowIfInvalid"/>. Deliberately independent of any test framework so that both
/// xunit tests and the emulator's own diagnostics can use it.
/// </summary>
public sealed class ContractViolationException : Exception
{
    public ContractViolationException()
        : this(Array.Empty<string>())
    {
    }

    public ContractViolationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public ContractViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public ContractViolationException(IReadOnlyList<string> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }

    private static string Describe(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? "The TikTok Shop OpenAPI contract was violated."
            : $"The TikTok Shop OpenAPI contract was violated ({errors.Count} error(s)):{Environment.NewLine}  - "
              + string.Join(Environment.NewLine + "  - ", errors);
    }
}
