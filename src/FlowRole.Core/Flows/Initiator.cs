namespace FlowRole.Flows;

/// <summary>Which side of a record a log says opened the connection.</summary>
public enum Initiator : byte
{
    /// <summary>The log does not say.</summary>
    Unknown = 0,

    /// <summary>The record's source side initiated.</summary>
    Source = 1,

    /// <summary>The record's destination side initiated (a reply or reversed record).</summary>
    Destination = 2,
}
