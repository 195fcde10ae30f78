using System;

namespace FlowRole.Flows;

/// <summary>Byte and packet counts per side of a record, when the log has them (-1 = not given).</summary>
public readonly struct FlowVolume : IEquatable<FlowVolume>
{
    /// <summary>Creates a volume; pass -1 for any count the log lacks.</summary>
    public FlowVolume(long sourceBytes, long destinationBytes, long sourcePackets, long destinationPackets)
    {
        SourceBytes = sourceBytes;
        DestinationBytes = destinationBytes;
        SourcePackets = sourcePackets;
        DestinationPackets = destinationPackets;
        IsKnown = true;
    }

    /// <summary>True when any count was given.</summary>
    public bool IsKnown { get; }

    /// <summary>Payload bytes sent by the record's source, or -1.</summary>
    public long SourceBytes { get; }

    /// <summary>Payload bytes sent by the record's destination, or -1.</summary>
    public long DestinationBytes { get; }

    /// <summary>Packets sent by the record's source, or -1.</summary>
    public long SourcePackets { get; }

    /// <summary>Packets sent by the record's destination, or -1.</summary>
    public long DestinationPackets { get; }

    /// <summary>True when both are unknown, or both are known with the same four counts.</summary>
    public bool Equals(FlowVolume other) =>
        IsKnown == other.IsKnown && SourceBytes == other.SourceBytes && DestinationBytes == other.DestinationBytes
        && SourcePackets == other.SourcePackets && DestinationPackets == other.DestinationPackets;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FlowVolume other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsKnown, SourceBytes, DestinationBytes, SourcePackets, DestinationPackets);

    /// <summary>Equality of every count.</summary>
    public static bool operator ==(FlowVolume left, FlowVolume right) => left.Equals(right);

    /// <summary>Inequality of any count.</summary>
    public static bool operator !=(FlowVolume left, FlowVolume right) => !left.Equals(right);

    /// <summary>The same counts seen from the other side.</summary>
    public FlowVolume Reverse() =>
        IsKnown ? new FlowVolume(DestinationBytes, SourceBytes, DestinationPackets, SourcePackets) : default;
}
