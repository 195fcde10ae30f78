using System;

namespace FlowRole.Ports;

/// <summary>Operating systems whose default ephemeral (client-side) port range contains a port.</summary>
[Flags]
public enum EphemeralOs : byte
{
    /// <summary>No OS picks this port by default.</summary>
    None = 0,

    /// <summary>Linux: 32768-60999 (<c>net.ipv4.ip_local_port_range</c>).</summary>
    Linux = 1,

    /// <summary>Windows Vista / Server 2008 and later: 49152-65535.</summary>
    Windows = 2,

    /// <summary>Windows XP / 2000 / Server 2003: 1025-5000.</summary>
    WindowsLegacy = 4,

    /// <summary>macOS and iOS: 49152-65535.</summary>
    MacOs = 8,

    /// <summary>FreeBSD 7 and later: 10000-65535.</summary>
    FreeBsd = 16,

    /// <summary>OpenBSD: 1024-49151 by default.</summary>
    OpenBsd = 32,
}
