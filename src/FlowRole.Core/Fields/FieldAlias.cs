using System;

namespace FlowRole.Fields;

/// <summary>One input column name that carries a <see cref="FlowField"/>.</summary>
public sealed class FieldAlias
{
    /// <summary>Creates an alias.</summary>
    public FieldAlias(FlowField field, string name, FieldSchema schema, string? requiresColumn = null)
    {
        Field = field;
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Schema = schema;
        RequiresColumn = requiresColumn;
    }

    /// <summary>The field it carries.</summary>
    public FlowField Field { get; }

    /// <summary>The column name, as the schema spells it (matching is exact first, then ASCII case-insensitive).</summary>
    public string Name { get; }

    /// <summary>The schema that defines it.</summary>
    public FieldSchema Schema { get; }

    /// <summary>
    /// A column that must also be present for this alias to count, for generic names (<c>path</c>, <c>State</c>)
    /// that mean something else outside their schema; null when the name is unambiguous.
    /// </summary>
    public string? RequiresColumn { get; }

    /// <inheritdoc/>
    public override string ToString() => RequiresColumn is null ? Name : Name + " (with " + RequiresColumn + ")";
}
