using System;
using FlowRole.Addresses;

namespace FlowRole.Policy;

/// <summary>
/// The directions a rule applies to; flag <c>1 &lt;&lt; (int)direction</c> stands for each <see cref="Direction"/>.
/// <see cref="Any"/> (no flag) means the condition is absent.
/// </summary>
[Flags]
public enum DirectionFilter : byte
{
    /// <summary>No direction condition.</summary>
    Any = 0,

    /// <summary><see cref="Direction.Unknown"/>.</summary>
    Unknown = 1 << (int)Direction.Unknown,

    /// <summary><see cref="Direction.Inbound"/>: external client, internal server.</summary>
    Inbound = 1 << (int)Direction.Inbound,

    /// <summary><see cref="Direction.Outbound"/>: internal client, external server.</summary>
    Outbound = 1 << (int)Direction.Outbound,

    /// <summary><see cref="Direction.Internal"/>: both sides internal.</summary>
    Internal = 1 << (int)Direction.Internal,

    /// <summary><see cref="Direction.External"/>: both sides external.</summary>
    External = 1 << (int)Direction.External,
}
