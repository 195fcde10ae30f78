using FlowRole.Addresses;
using FlowRole.Flows;

namespace FlowRole.PowerShell.Results;

/// <summary>
/// A flow record of the most common kind, two IPv4 endpoints with no Zeek history and no byte or packet counts (what
/// Import-Csv rows, Get-NetTCPConnection objects and command-line flows give), packed into 18 bytes instead of the
/// record's 120, so a result that holds one stays small (see <see cref="FlowRoleResult"/>).
/// </summary>
internal readonly struct PackedRecord
{
    private readonly ulong _addresses; // source << 32 | destination
    private readonly uint _ports; // source << 16 | destination
    private readonly Transport _transport;
    private readonly TcpFlags _flags;
    private readonly bool _hasFlags;
    private readonly ConnState _connState;
    private readonly Initiator _initiator;
    private readonly InitiatorSource _initiatorSource;

    private PackedRecord(in FlowRecord record, uint source, uint destination)
    {
        _addresses = ((ulong)source << 32) | destination;
        _ports = ((uint)record.Source.Port << 16) | record.Destination.Port;
        _transport = record.Transport;
        _flags = record.FirstPacketFlags;
        _hasFlags = record.HasFirstPacketFlags;
        _connState = record.ConnState;
        _initiator = record.Initiator;
        _initiatorSource = record.InitiatorSource;
    }

    /// <summary>Packs a record when it is of the packable kind; false, with nothing packed, otherwise.</summary>
    public static bool TryPack(in FlowRecord record, out PackedRecord packed)
    {
        if (IsPlainIPv4(record.Source.Address) && IsPlainIPv4(record.Destination.Address)
            && record.History.Equals(default) && IsNone(record.Volume))
        {
            packed = new PackedRecord(record, (uint)record.Source.Address.Low, (uint)record.Destination.Address.Low);
            return true;
        }

        packed = default;
        return false;
    }

    /// <summary>The record, equal in every field to the one packed.</summary>
    public FlowRecord Unpack() =>
        new(IpAddress.FromIPv4((uint)(_addresses >> 32)), (ushort)(_ports >> 16), IpAddress.FromIPv4((uint)_addresses), (ushort)_ports, _transport)
        {
            FirstPacketFlags = _flags,
            HasFirstPacketFlags = _hasFlags,
            ConnState = _connState,
            Initiator = _initiator,
            InitiatorSource = _initiatorSource,
        };

    // IpAddress.FromIPv4 is the only way to an IPv4 address: High and ScopeId are zero and Low holds the 32 bits.
    private static bool IsPlainIPv4(in IpAddress address) =>
        address.IsIPv4 && address.High == 0 && address.Low <= uint.MaxValue && address.ScopeId == 0;

    private static bool IsNone(in FlowVolume volume) =>
        !volume.IsKnown && volume.SourceBytes == 0 && volume.DestinationBytes == 0 && volume.SourcePackets == 0 && volume.DestinationPackets == 0;
}
