namespace FlowRole.Fields;

/// <summary>Why a row could not be bound to a flow record.</summary>
public enum FieldErrorKind : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>No column in the header carries a required field.</summary>
    NoColumn,

    /// <summary>An override names a column the header does not have.</summary>
    OverrideColumnMissing,

    /// <summary>The row has no value for a required field.</summary>
    Missing,

    /// <summary>A value is not an IP address.</summary>
    InvalidAddress,

    /// <summary>A value is not a port (0-65535).</summary>
    InvalidPort,

    /// <summary>A value is not a transport name or protocol number.</summary>
    InvalidTransport,

    /// <summary>A value is not an ICMP type or code (0-255).</summary>
    InvalidIcmp,

    /// <summary>A value is not a TCP flag set.</summary>
    InvalidTcpFlags,

    /// <summary>A value is not a Zeek history string.</summary>
    InvalidHistory,

    /// <summary>A value is not a Zeek conn_state.</summary>
    InvalidConnState,

    /// <summary>A value is not an initiator statement (name, OCSF id or boolean).</summary>
    InvalidInitiator,

    /// <summary>A value is not a Windows Firewall log path.</summary>
    InvalidFirewallPath,

    /// <summary>A value is not a TCP connection state.</summary>
    InvalidSocketState,

    /// <summary>A value is not a non-negative count.</summary>
    InvalidCount,

    /// <summary>The row describes something other than a flow (a Suricata alert, a listening socket).</summary>
    NotAFlow,
}
