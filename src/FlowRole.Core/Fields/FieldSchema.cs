namespace FlowRole.Fields;

/// <summary>The log schemas whose field names <see cref="FieldAliases"/> knows.</summary>
public enum FieldSchema : byte
{
    /// <summary>FlowRole's own names (e.g. <c>initiator</c>) and common generic spellings (<c>dst_ip</c>).</summary>
    Generic,

    /// <summary>Splunk Common Information Model, Network_Traffic data model.</summary>
    SplunkCim,

    /// <summary>Elastic Common Schema.</summary>
    Ecs,

    /// <summary>Zeek conn.log.</summary>
    Zeek,

    /// <summary>Suricata eve.json.</summary>
    Suricata,

    /// <summary>Sysmon event 3 (network connection).</summary>
    Sysmon,

    /// <summary>PowerShell Get-NetTCPConnection.</summary>
    GetNetTcpConnection,

    /// <summary>Windows Firewall log (pfirewall.log).</summary>
    WindowsFirewall,

    /// <summary>Windows Filtering Platform connection events (Security 5156/5157).</summary>
    WindowsFilteringPlatform,

    /// <summary>Open Cybersecurity Schema Framework, Network Activity.</summary>
    Ocsf,
}
