namespace FlowRole.Ports;

/// <summary>The IANA range a port number falls in (RFC 6335 section 6).</summary>
public enum PortClass : byte
{
    /// <summary>0-1023: system ("well-known") ports.</summary>
    WellKnown = 0,

    /// <summary>1024-49151: user ("registered") ports.</summary>
    Registered = 1,

    /// <summary>49152-65535: dynamic/private ports, never assigned.</summary>
    Dynamic = 2,
}
