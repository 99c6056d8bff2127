namespace GoQ.TikTokSync.Testing.OpenApiContract;

/// <summary>Which side of an operation a schema rule applies to.</summary>
public enum ContractDirection
{
    /// <summary>The JSON body the client sends.</summary>
    Request,

    /// <summary>The JSON envelope the platform (or emulator) answers with.</summary>
    Response,
}
