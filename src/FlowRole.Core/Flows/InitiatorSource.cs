namespace FlowRole.Flows;

/// <summary>Where an explicit initiator statement came from; it sets how far FlowRole trusts it.</summary>
public enum InitiatorSource : byte
{
    /// <summary>No initiator statement.</summary>
    None = 0,

    /// <summary>The caller said so directly (an API argument or a <c>initiator</c> column).</summary>
    Explicit = 1,

    /// <summary>Sysmon event 3 <c>Initiated</c> (true: this host opened the connection).</summary>
    Sysmon = 2,

    /// <summary>A host firewall log's direction (Windows Filtering Platform, pfirewall.log SEND/RECEIVE).</summary>
    Firewall = 3,

    /// <summary>Suricata eve.json: src/dest are oriented to-server by Suricata's own flow tracking.</summary>
    Suricata = 4,

    /// <summary>A perimeter device's connection message that names the initiator (e.g. Cisco ASA built inbound/outbound).</summary>
    Perimeter = 5,
}
