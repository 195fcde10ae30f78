namespace FlowRole.Policy;

/// <summary>An inclusive run of port numbers.</summary>
internal readonly struct PortRange
{
    public PortRange(int start, int end)
    {
        Start = start;
        End = end;
    }

    /// <summary>First port (0-65535).</summary>
    public int Start { get; }

    /// <summary>Last port, inclusive (Start-65535).</summary>
    public int End { get; }
}
