using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using FlowRole.Formats;

namespace FlowRole.PowerShell.Logs;

/// <summary>
/// Shows a <see cref="FlowLogRecord"/>'s columns as PowerShell properties (registered for the type in
/// <c>FlowRole.types.ps1xml</c>). Properties are made only when PowerShell asks for them, so reading a million rows
/// costs no per-column objects; values are decoded from the row's UTF-8 bytes on access. Read-only.
/// </summary>
public sealed class FlowLogRecordAdapter : PSPropertyAdapter
{
    // One list for every record: the base implementation builds a new one on each call.
    private static readonly Collection<string> TypeNames = new()
    {
        typeof(FlowLogRecord).FullName!,
        typeof(object).FullName!,
    };

    /// <inheritdoc/>
    public override Collection<string> GetTypeNameHierarchy(object baseObject) => TypeNames;

    /// <inheritdoc/>
    public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
    {
        var record = (FlowLogRecord)baseObject;
        var properties = new Collection<PSAdaptedProperty>();
        var columns = record.Header.Columns;
        for (int i = 0; i < columns.Length; i++)
        {
            // A JSON record lacks the keys of other records: only its own keys are its properties.
            if (record.KindAt(i) != CellKind.Missing && record.Header.IndexOf(columns[i]) == i)
            {
                properties.Add(new PSAdaptedProperty(columns[i], i));
            }
        }

        return properties;
    }

    /// <inheritdoc/>
    public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName)
    {
        var record = (FlowLogRecord)baseObject;
        int i = record.Header.IndexOf(propertyName);
        return i >= 0 && record.KindAt(i) != CellKind.Missing ? new PSAdaptedProperty(record.Header.Columns[i], i) : null;
    }

    /// <inheritdoc/>
    public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty)
    {
        if (adaptedProperty is null)
        {
            throw new ArgumentNullException(nameof(adaptedProperty));
        }

        return ((FlowLogRecord)adaptedProperty.BaseObject).ValueAt((int)adaptedProperty.Tag);
    }

    /// <inheritdoc/>
    public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty)
    {
        if (adaptedProperty is null)
        {
            throw new ArgumentNullException(nameof(adaptedProperty));
        }

        var record = (FlowLogRecord)adaptedProperty.BaseObject;
        return record.KindAt((int)adaptedProperty.Tag) switch
        {
            CellKind.Boolean => typeof(bool).FullName!,
            CellKind.Number => typeof(long).FullName!,
            CellKind.Null => typeof(object).FullName!,
            _ => typeof(string).FullName!,
        };
    }

    /// <inheritdoc/>
    public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

    /// <inheritdoc/>
    public override bool IsSettable(PSAdaptedProperty adaptedProperty) => false;

    /// <inheritdoc/>
    public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value) =>
        throw new NotSupportedException("Log records are read-only; use Select-Object to make an editable copy.");
}
