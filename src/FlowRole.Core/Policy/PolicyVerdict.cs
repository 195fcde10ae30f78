namespace FlowRole.Policy;

/// <summary>What a policy concluded about one flow: the rules that matched and the highest severity among them.</summary>
public readonly struct PolicyVerdict
{
    /// <summary>Creates a verdict.</summary>
    public PolicyVerdict(RuleMask matches, Severity severity)
    {
        Matches = matches;
        Severity = severity;
    }

    /// <summary>Indexes (into <see cref="PortPolicy.Rules"/>) of the rules that matched, after allow-lists.</summary>
    public RuleMask Matches { get; }

    /// <summary>The highest severity among the matches; <see cref="Severity.None"/> when none.</summary>
    public Severity Severity { get; }
}
