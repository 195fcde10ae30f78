namespace FlowRole.Policy;

/// <summary>How serious a finding is. Ordered, so thresholds compare with &gt;=.</summary>
public enum Severity : byte
{
    /// <summary>No finding.</summary>
    None = 0,

    /// <summary>Worth knowing; not suspicious on its own.</summary>
    Info = 1,

    /// <summary>Unusual; look when hunting.</summary>
    Low = 2,

    /// <summary>Suspicious (the default threshold).</summary>
    Medium = 3,

    /// <summary>Likely malicious or a serious exposure.</summary>
    High = 4,

    /// <summary>Act now.</summary>
    Critical = 5,
}
