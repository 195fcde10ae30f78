namespace FlowRole.Flows;

/// <summary>Zeek conn.log <c>conn_state</c>: how the connection's endpoints ended up.</summary>
public enum ConnState : byte
{
    /// <summary>Not given.</summary>
    None = 0,

    /// <summary>Connection attempt seen, no reply (needs an originator SYN).</summary>
    S0,

    /// <summary>Established, not terminated.</summary>
    S1,

    /// <summary>Normal establishment and termination.</summary>
    SF,

    /// <summary>Connection attempt rejected.</summary>
    REJ,

    /// <summary>Established, originator closed, no reply to the close.</summary>
    S2,

    /// <summary>Established, responder closed, no reply to the close.</summary>
    S3,

    /// <summary>Established, originator aborted with RST.</summary>
    RSTO,

    /// <summary>Responder sent RST.</summary>
    RSTR,

    /// <summary>Originator sent SYN then RST; no SYN-ACK from the responder.</summary>
    RSTOS0,

    /// <summary>Responder sent SYN-ACK then RST; no SYN from the originator.</summary>
    RSTRH,

    /// <summary>Originator sent SYN then FIN; no SYN-ACK.</summary>
    SH,

    /// <summary>Responder sent SYN-ACK then FIN; no SYN from the originator.</summary>
    SHR,

    /// <summary>No SYN seen: midstream traffic.</summary>
    OTH,
}
