namespace FlowRole.Flows;

/// <summary>Byte and packet counts per side of a record, when the log has them (-1 = not given).</summary>
public readonly struct FlowVolume
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

    /// <summary>The same counts seen from the other side.</summary>
    public FlowVolume Reverse() =>
        IsKnown ? new FlowVolume(DestinationBytes, SourceBytes, DestinationPackets, SourcePackets) : default;
}
