using System;
using System.Collections.Generic;

namespace FlowRole.PowerShell.Binding;

/// <summary>
/// An input's fields as named values, in order: what a PowerShell object, a hashtable or a set of parameters
/// contributes as "columns" when it is bound to a flow record or written out by <c>Export-FlowRole</c>.
/// </summary>
internal sealed class InputRow
{
    public InputRow(IReadOnlyList<string> columns, IReadOnlyList<object?> values)
    {
        if (columns.Count != values.Count)
        {
            throw new ArgumentException("Every column needs a value.", nameof(values));
        }

        Columns = columns;
        Values = values;
    }

    /// <summary>The field names (flattened with dots for nested objects, as JSON logs spell them).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The values as given (null for none).</summary>
    public IReadOnlyList<object?> Values { get; }
}
