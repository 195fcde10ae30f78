namespace FlowRole.PowerShell.Local;

/// <summary>
/// One of this host's TCP connections as <c>Get-FlowRole -LocalConnections</c> reads it, shaped like a
/// <c>Get-NetTCPConnection</c> row (local side first, <c>State</c> as the socket state name) so Core binds it with the
/// same aliases and it exports with the same columns.
/// </summary>
public sealed class LocalConnection
{
    internal LocalConnection(string localAddress, int localPort, string remoteAddress, int remotePort, string? state)
    {
        LocalAddress = localAddress;
        LocalPort = localPort;
        RemoteAddress = remoteAddress;
        RemotePort = remotePort;
        State = state;
    }

    /// <summary>This host's address.</summary>
    public string LocalAddress { get; }

    /// <summary>This host's port.</summary>
    public int LocalPort { get; }

    /// <summary>The peer's address.</summary>
    public string RemoteAddress { get; }

    /// <summary>The peer's port.</summary>
    public int RemotePort { get; }

    /// <summary>The TCP state (Established, SynSent, SynReceived, TimeWait, ...); null when the OS does not say.</summary>
    public string? State { get; }

    /// <inheritdoc/>
    public override string ToString() => LocalAddress + ":" + LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + " -> " + RemoteAddress + ":" + RemotePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
