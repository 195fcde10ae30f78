using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Policy;
using FlowRole.Ports;
using FlowRole.Roles;

namespace FlowRole;

/// <summary>
/// What FlowRole concluded about one flow: who is the client and who the server, why and how sure, what each side
/// is, and what the policy found. A value; strings in it (the service) come from shared tables, so producing one
/// allocates nothing.
/// </summary>
public readonly struct FlowResult
{
    internal FlowResult(in FlowRecord record, bool swapped, RoleBasis basis, float confidence, string? service,
        AddressScope clientScope, AddressScope serverScope, Direction direction, PolicyVerdict verdict, bool suspicious)
    {
        Record = record;
        Swapped = swapped;
        Basis = basis;
        Confidence = confidence;
        Service = service;
        ClientScope = clientScope;
        ServerScope = serverScope;
        Direction = direction;
        Verdict = verdict;
        Suspicious = suspicious;
    }

    /// <summary>The record as given.</summary>
    public FlowRecord Record { get; }

    /// <summary>True when the record's destination is the client (the record was a reply or reversed).</summary>
    public bool Swapped { get; }

    /// <summary>The client (initiator) endpoint.</summary>
    public Endpoint Client => Swapped ? Record.Destination : Record.Source;

    /// <summary>The server (responder) endpoint.</summary>
    public Endpoint Server => Swapped ? Record.Source : Record.Destination;

    /// <summary>The transport.</summary>
    public Transport Transport => Record.Transport;

    /// <summary>The evidence that decided the roles.</summary>
    public RoleBasis Basis { get; }

    /// <summary>How sure FlowRole is of the roles, 0-1.</summary>
    public float Confidence { get; }

    /// <summary>The server port's service name (IANA, or FlowRole's common name), or null when unknown.</summary>
    public string? Service { get; }

    /// <summary>The client port's IANA range.</summary>
    public PortClass ClientPortClass => PortTable.ClassOf(Client.Port);

    /// <summary>The server port's IANA range.</summary>
    public PortClass ServerPortClass => PortTable.ClassOf(Server.Port);

    /// <summary>The client address's scope.</summary>
    public AddressScope ClientScope { get; }

    /// <summary>The server address's scope.</summary>
    public AddressScope ServerScope { get; }

    /// <summary>ECS direction, client to server.</summary>
    public Direction Direction { get; }

    /// <summary>The policy's verdict (matched rules and the highest severity).</summary>
    public PolicyVerdict Verdict { get; }

    /// <summary>The highest finding severity.</summary>
    public Severity Severity => Verdict.Severity;

    /// <summary>True when a finding is at or above the policy's threshold.</summary>
    public bool Suspicious { get; }
}
