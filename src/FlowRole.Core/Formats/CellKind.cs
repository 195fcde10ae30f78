namespace FlowRole.Formats;

/// <summary>What kind of value a <see cref="Cell"/> holds; text formats only produce <see cref="Text"/> and <see cref="Missing"/>.</summary>
public enum CellKind : byte
{
    /// <summary>The row has no value for this column (a JSON record without the key); <c>default(Cell)</c>.</summary>
    Missing = 0,

    /// <summary>Text: a CSV/TSV/log field, or a JSON string (unescaped).</summary>
    Text,

    /// <summary>A JSON number, as written.</summary>
    Number,

    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A JSON <c>null</c>.</summary>
    Null,

    /// <summary>Raw JSON text of an array or an empty object, kept as written.</summary>
    Json,
}
