namespace FlowRole.Text;

/// <summary>What <see cref="AlertTextParser"/> made of a line: a flow, or what it found instead.</summary>
public enum AlertTextStatus : byte
{
    /// <summary>Two endpoints with a known orientation: <see cref="AlertTextResult.Record"/> holds the flow.</summary>
    Ok = 0,

    /// <summary>The text is empty or white space.</summary>
    Empty,

    /// <summary>The text is longer than <see cref="AlertTextParser.MaxLength"/> characters.</summary>
    TooLong,

    /// <summary>No IP address was found.</summary>
    NoEndpoint,

    /// <summary>Only one endpoint was found.</summary>
    OneEndpoint,

    /// <summary>Three or more endpoints and nothing that says which two form the flow, or which way.</summary>
    TooManyEndpoints,

    /// <summary>The text contradicts itself: two different sources, two destinations, or a port given twice.</summary>
    Conflicting,

    /// <summary>Two endpoints, but a side has no port and the transport needs ports.</summary>
    MissingPort,

    /// <summary>A recognised structured format lacks a field the flow needs (e.g. a filterlog line cut short).</summary>
    MissingField,

    /// <summary>A recognised structured format has a field whose value is not valid (e.g. a port above 65535).</summary>
    InvalidValue,
}
