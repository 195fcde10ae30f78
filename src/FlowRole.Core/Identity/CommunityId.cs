using System;
using FlowRole.Flows;

namespace FlowRole.Identity;

/// <summary>
/// Community ID v1 flow hashing (https://github.com/corelight/community-id-spec): the same value for both
/// orientations of a flow, so records from different tools join up.
/// </summary>
public sealed class CommunityId
{
    // HELPER-OWNED: Addresses helper implements.

    /// <summary>Creates a hasher with a seed (default 0, as the spec).</summary>
    public CommunityId(ushort seed = 0) => throw new NotImplementedException();

    /// <summary>The seed.</summary>
    public ushort Seed => throw new NotImplementedException();

    /// <summary>Length of the text form: "1:" plus 28 base64 characters.</summary>
    public const int TextLength = 30;

    /// <summary>Writes "1:&lt;base64&gt;" for the flow into <paramref name="destination"/> (at least <see cref="TextLength"/> chars). Allocation-free.</summary>
    public bool TryFormat(in FlowRecord flow, Span<char> destination, out int charsWritten) => throw new NotImplementedException();

    /// <summary>UTF-8 form of <see cref="TryFormat(in FlowRecord, Span{char}, out int)"/>.</summary>
    public bool TryFormat(in FlowRecord flow, Span<byte> utf8Destination, out int bytesWritten) => throw new NotImplementedException();

    /// <summary>The Community ID as a string.</summary>
    public string Compute(in FlowRecord flow) => throw new NotImplementedException();
}
