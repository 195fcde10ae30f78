namespace FlowRole.Fields;

/// <summary>The fields FlowRole adds to every record, in output order (see <see cref="OutputContract"/>).</summary>
public enum OutputField : byte
{
    /// <summary><c>client_ip</c>: The client's (initiator's) address.</summary>
    ClientIp,

    /// <summary><c>client_port</c>: The client's port.</summary>
    ClientPort,

    /// <summary><c>server_ip</c>: The server's (responder's) address.</summary>
    ServerIp,

    /// <summary><c>server_port</c>: The server's port.</summary>
    ServerPort,

    /// <summary><c>transport</c>: tcp, udp, icmp, ipv6-icmp, sctp, another IANA keyword, or unknown.</summary>
    Transport,

    /// <summary><c>service</c>: The server port's service name, empty when unknown.</summary>
    Service,

    /// <summary><c>role_basis</c>: The evidence that decided the roles (e.g. zeek_history, service_port).</summary>
    RoleBasis,

    /// <summary><c>role_confidence</c>: How sure FlowRole is of the roles, 0.00-1.00.</summary>
    RoleConfidence,

    /// <summary><c>swapped</c>: True when the record's destination is the client.</summary>
    Swapped,

    /// <summary><c>client_port_class</c>: well_known, registered or dynamic.</summary>
    ClientPortClass,

    /// <summary><c>server_port_class</c>: well_known, registered or dynamic.</summary>
    ServerPortClass,

    /// <summary><c>client_scope</c>: The client address's scope (global, private, shared, loopback...).</summary>
    ClientScope,

    /// <summary><c>server_scope</c>: The server address's scope.</summary>
    ServerScope,

    /// <summary><c>direction</c>: inbound, outbound, internal, external or unknown (client to server).</summary>
    Direction,

    /// <summary><c>suspicious</c>: True when a finding is at or above the policy's threshold.</summary>
    Suspicious,

    /// <summary><c>severity</c>: The highest finding severity (none, info, low, medium, high, critical).</summary>
    Severity,

    /// <summary><c>findings</c>: Ids of the policy rules that matched (multivalue).</summary>
    Findings,

    /// <summary><c>finding_sources</c>: External rules the findings implement, e.g. sigma:&lt;id&gt; (multivalue).</summary>
    FindingSources,

    /// <summary><c>attack_techniques</c>: ATT&amp;CK technique ids of the findings (multivalue).</summary>
    AttackTechniques,

    /// <summary><c>community_id</c>: The flow's Community ID v1 hash.</summary>
    CommunityId,

    /// <summary><c>flowrole_error</c>: Why the record could not be classified; empty when it was.</summary>
    Error,
}
