namespace FlowRole.Text;

/// <summary>Which side of a flow a label or arrow puts an endpoint on.</summary>
internal enum EndpointRole : byte
{
    /// <summary>Not stated.</summary>
    None = 0,

    /// <summary>The flow's source.</summary>
    Source,

    /// <summary>The flow's destination.</summary>
    Destination,
}
