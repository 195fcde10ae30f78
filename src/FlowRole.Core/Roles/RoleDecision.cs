namespace FlowRole.Roles;

/// <summary>One conclusion about roles: which side of the record is the client, on what evidence, how sure.</summary>
internal readonly struct RoleDecision
{
    public RoleDecision(bool sourceIsClient, RoleBasis basis, float confidence)
    {
        SourceIsClient = sourceIsClient;
        Basis = basis;
        Confidence = confidence;
    }

    /// <summary>True when the record's source is the client.</summary>
    public bool SourceIsClient { get; }

    /// <summary>The deciding evidence; <see cref="RoleBasis.None"/> for "no decision".</summary>
    public RoleBasis Basis { get; }

    /// <summary>0-1.</summary>
    public float Confidence { get; }

    /// <summary>True when this holds a decision.</summary>
    public bool IsDecided => Basis != RoleBasis.None;

    /// <summary>Source is the client.</summary>
    public static RoleDecision SourceClient(RoleBasis basis, float confidence) => new(true, basis, confidence);

    /// <summary>Destination is the client.</summary>
    public static RoleDecision DestinationClient(RoleBasis basis, float confidence) => new(false, basis, confidence);

    /// <summary>The side whose flag is set is the server.</summary>
    public static RoleDecision ServerIs(bool sourceIsServer, RoleBasis basis, float confidence) => new(!sourceIsServer, basis, confidence);
}
