using System.Collections.Generic;
using FlowRole.Fields;
using FlowRole.Flows;

namespace FlowRole.PowerShell.Binding;

/// <summary>
/// Binds a flow given as cmdlet parameters (<c>-SourceAddress -SourcePort -DestinationAddress -DestinationPort
/// -Transport</c>...) through Core's binder: the parameter names are the columns, each named explicitly for its field,
/// so Core validates the values and its messages name the parameter (<c>DestinationPort: '70000' is not a port</c>).
/// </summary>
internal sealed class ParameterFlowBinder
{
    private readonly (string Name, FlowField Field)[] _parameters;
    private readonly FlowRecordBinder _binder;

    /// <summary>Creates a binder for a fixed list of parameters and the fields they carry.</summary>
    public ParameterFlowBinder(params (string Name, FlowField Field)[] parameters)
    {
        _parameters = parameters;
        var columns = new string[parameters.Length];
        var overrides = new Dictionary<FlowField, string>();
        for (int i = 0; i < parameters.Length; i++)
        {
            columns[i] = parameters[i].Name;
            overrides[parameters[i].Field] = parameters[i].Name;
        }

        _binder = new FlowRecordBinder(columns, overrides);
    }

    /// <summary>The parameter names, in column order.</summary>
    public IEnumerable<string> Names
    {
        get
        {
            foreach ((string name, _) in _parameters)
            {
                yield return name;
            }
        }
    }

    /// <summary>Binds one flow; <paramref name="values"/> holds each parameter's value as text (null: not given).</summary>
    public bool TryBind(IReadOnlyList<string?> values, out FlowRecord record, out FieldError error) =>
        // The caller's own values, never a buffer of this binder's: one binder serves every runspace and thread
        // at once (a shared copy let concurrent Get-FlowRole calls bind each other's flows).
        _binder.TryBind(values, out record, out error);

    /// <summary>The values as an input row (the parameters that were given), for output that keeps the input.</summary>
    public InputRow Row(IReadOnlyList<string?> values)
    {
        var columns = new List<string>();
        var cells = new List<object?>();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (values[i] is { } value)
            {
                columns.Add(_parameters[i].Name);
                cells.Add(value);
            }
        }

        return new InputRow(columns.ToArray(), cells.ToArray());
    }
}
