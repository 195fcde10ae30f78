using System;
using FlowRole.Addresses;

namespace FlowRole.Policy;

/// <summary>
/// The address kinds one side of a flow must have for a rule to match: any of the listed <see cref="AddressScope"/>
/// values (flag <c>1 &lt;&lt; (int)scope</c>), or <see cref="Internal"/> / <see cref="External"/>, the internal-ness
/// the classifier computes from the internal networks. <see cref="Any"/> (no flag) means the condition is absent.
/// </summary>
[Flags]
public enum ScopeFilter : ushort
{
    /// <summary>No scope condition.</summary>
    Any = 0,

    /// <summary><see cref="AddressScope.Unknown"/>.</summary>
    Unknown = 1 << (int)AddressScope.Unknown,

    /// <summary><see cref="AddressScope.Global"/>.</summary>
    Global = 1 << (int)AddressScope.Global,

    /// <summary><see cref="AddressScope.Private"/>.</summary>
    Private = 1 << (int)AddressScope.Private,

    /// <summary><see cref="AddressScope.SharedCgnat"/>.</summary>
    Shared = 1 << (int)AddressScope.SharedCgnat,

    /// <summary><see cref="AddressScope.UniqueLocal"/>.</summary>
    UniqueLocal = 1 << (int)AddressScope.UniqueLocal,

    /// <summary><see cref="AddressScope.Loopback"/>.</summary>
    Loopback = 1 << (int)AddressScope.Loopback,

    /// <summary><see cref="AddressScope.LinkLocal"/>.</summary>
    LinkLocal = 1 << (int)AddressScope.LinkLocal,

    /// <summary><see cref="AddressScope.Multicast"/>.</summary>
    Multicast = 1 << (int)AddressScope.Multicast,

    /// <summary><see cref="AddressScope.Broadcast"/>.</summary>
    Broadcast = 1 << (int)AddressScope.Broadcast,

    /// <summary><see cref="AddressScope.Documentation"/>.</summary>
    Documentation = 1 << (int)AddressScope.Documentation,

    /// <summary><see cref="AddressScope.Unspecified"/>.</summary>
    Unspecified = 1 << (int)AddressScope.Unspecified,

    /// <summary><see cref="AddressScope.Reserved"/>.</summary>
    Reserved = 1 << (int)AddressScope.Reserved,

    /// <summary>Inside the organisation (in the internal networks, or private-like when none are configured).</summary>
    Internal = 1 << 12,

    /// <summary>Outside the organisation: known not internal (multicast, broadcast and unknown addresses are neither).</summary>
    External = 1 << 13,
}
