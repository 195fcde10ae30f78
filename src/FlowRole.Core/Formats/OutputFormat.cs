namespace FlowRole.Formats;

/// <summary>The output formats FlowRole writes.</summary>
public enum OutputFormat : byte
{
    /// <summary>CSV: the input columns in order, then the output contract (multivalue fields joined with <c>;</c>).</summary>
    Csv,

    /// <summary>JSON lines: each input record's fields (a JSON record kept as written), then the output fields.</summary>
    Json,

    /// <summary>An aligned table for terminals: the flow's roles and findings, not the input columns.</summary>
    Table,
}
