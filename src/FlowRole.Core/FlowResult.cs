using System.Runtime.CompilerServices;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.Ports;
using FlowRole.Roles;

namespace FlowRole;

/// <summary>
/// What FlowRole concluded about one flow: who is the client and who the server, why and how sure, what each side
/// is, and what the policy found. A value holding no references (the service is an index into a shared name table),
/// so producing one allocates nothing and copying one is a plain block copy.
/// </summary>
public readonly struct FlowResult
{
    // Explicit fields, largest first, so the layout is dense (160 bytes) and Write can fill them one by one.
    private readonly FlowRecord _record;
    private readonly RuleMask _matches;
    private readonly float _confidence;
    private readonly ushort _service;
    private readonly bool _swapped;
    private readonly RoleBasis _basis;
    private readonly AddressScope _clientScope;
    private readonly AddressScope _serverScope;
    private readonly Direction _direction;
    private readonly Severity _severity;
    private readonly bool _suspicious;

    internal FlowResult(in FlowRecord record, bool swapped, RoleBasis basis, float confidence, string? service,
        AddressScope clientScope, AddressScope serverScope, Direction direction, PolicyVerdict verdict, bool suspicious)
    {
        _record = record;
        _swapped = swapped;
        _basis = basis;
        _confidence = confidence;
        _service = CommonServiceNames.IndexOfName(service);
        _clientScope = clientScope;
        _serverScope = serverScope;
        _direction = direction;
        _matches = verdict.Matches;
        _severity = verdict.Severity;
        _suspicious = suspicious;
    }

    /// <summary>The record as given.</summary>
    public FlowRecord Record => _record;

    /// <summary>True when the record's destination is the client (the record was a reply or reversed).</summary>
    public bool Swapped => _swapped;

    /// <summary>The client (initiator) endpoint.</summary>
    public Endpoint Client
    {
        // Inlined, so a caller that reads one member of it does not copy the whole endpoint out first.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _swapped ? _record.Destination : _record.Source;
    }

    /// <summary>The server (responder) endpoint.</summary>
    public Endpoint Server
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _swapped ? _record.Source : _record.Destination;
    }

    /// <summary>The transport.</summary>
    public Transport Transport => _record.Transport;

    /// <summary>The evidence that decided the roles.</summary>
    public RoleBasis Basis => _basis;

    /// <summary>How sure FlowRole is of the roles, 0-1.</summary>
    public float Confidence => _confidence;

    /// <summary>The server port's service name (IANA, or FlowRole's common name), or null when unknown.</summary>
    public string? Service => CommonServiceNames.NameAt(_service);

    /// <summary>The service's index in the shared name table (0: none).</summary>
    internal ushort ServiceIndex => _service;

    /// <summary>The client port's IANA range.</summary>
    public PortClass ClientPortClass
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => PortTable.ClassOf(Client.Port);
    }

    /// <summary>The server port's IANA range.</summary>
    public PortClass ServerPortClass
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => PortTable.ClassOf(Server.Port);
    }

    /// <summary>The client address's scope.</summary>
    public AddressScope ClientScope => _clientScope;

    /// <summary>The server address's scope.</summary>
    public AddressScope ServerScope => _serverScope;

    /// <summary>ECS direction, client to server.</summary>
    public Direction Direction => _direction;

    /// <summary>The policy's verdict (matched rules and the highest severity).</summary>
    public PolicyVerdict Verdict => new(_matches, _severity);

    /// <summary>The highest finding severity.</summary>
    public Severity Severity => _severity;

    /// <summary>True when a finding is at or above the policy's threshold.</summary>
    public bool Suspicious => _suspicious;

    /// <summary>
    /// Fills a result in place, field by field. Building a result with its constructor makes the JIT assemble it
    /// aside and block-copy it into place, and the wide loads of that copy stall on the narrow stores just made
    /// (store forwarding fails); writing each field where it belongs costs no copy at all. Every field is written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Write(ref FlowResult result, in FlowRecord record, bool swapped, RoleBasis basis, float confidence,
        ushort service, AddressScope clientScope, AddressScope serverScope, Direction direction, in RuleMask matches,
        Severity severity, bool suspicious)
    {
        Unsafe.AsRef(in result._record) = record;
        Unsafe.AsRef(in result._matches) = matches;
        Unsafe.AsRef(in result._confidence) = confidence;
        Unsafe.AsRef(in result._service) = service;
        Unsafe.AsRef(in result._swapped) = swapped;
        Unsafe.AsRef(in result._basis) = basis;
        Unsafe.AsRef(in result._clientScope) = clientScope;
        Unsafe.AsRef(in result._serverScope) = serverScope;
        Unsafe.AsRef(in result._direction) = direction;
        Unsafe.AsRef(in result._severity) = severity;
        Unsafe.AsRef(in result._suspicious) = suspicious;
    }
}
