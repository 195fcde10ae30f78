using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;

namespace FlowRole.Splunk.Commands;

/// <summary>
/// <c>| flowrole</c>: binds each record's flow fields with Core's <see cref="FlowRecordBinder"/>, classifies it with
/// Core's <see cref="Classifier"/> and appends the output contract's fields (multivalue ones as real Splunk
/// multivalues). A record that cannot be classified passes through with <c>flowrole_error</c>; each chunk then
/// carries one WARN summary. All classification knowledge stays in Core; this class only adapts rows.
/// </summary>
public sealed class FlowRoleCommand : SearchCommand
{
    /// <summary>The command's name.</summary>
    public const string CommandName = "flowrole";

    private readonly MultivalueBuilder _multivalue = new();
    private readonly byte[] _scratch = new byte[FlowResultFormatter.MaxSingleValueLength];
    private FlowRoleOptions? _options;
    private Classifier? _classifier;
    private FlowResultFormatter? _formatter;
    private string[] _requiredFields = [];
    private string[] _outputNames = [];
    private ChunkLayout? _layout;

    /// <inheritdoc/>
    public override string Name => CommandName;

    /// <summary>The validated options (after <see cref="Configure"/>).</summary>
    public FlowRoleOptions Options => _options ?? throw new InvalidOperationException("Configure first.");

    /// <inheritdoc/>
    public override IReadOnlyList<string>? RequiredFields => _requiredFields;

    /// <inheritdoc/>
    public override void Configure(CommandContext context)
    {
        _options = FlowRoleOptions.Parse(context);
        _classifier = new Classifier(new ClassifierOptions { Policy = _options.Policy, InternalNetworks = _options.InternalNetworks });
        _formatter = new FlowResultFormatter(_classifier);
        _outputNames = new string[OutputContract.AllFields.Count];
        for (int i = 0; i < _outputNames.Length; i++)
        {
            _outputNames[i] = _options.Prefix + OutputContract.NameOf(OutputContract.AllFields[i]);
        }

        _requiredFields = BuildRequiredFields(_options, _outputNames);
    }

    /// <inheritdoc/>
    public override int ProcessChunk(ChunkContext chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        SplunkCsvReader input = chunk.Input;
        SplunkCsvWriter output = chunk.Output;
        SplunkCsvHeader header = input.Header!;
        if (_layout is null || !_layout.Matches(header))
        {
            _layout = new ChunkLayout(header, _outputNames, Options.FieldOverrides);
        }

        ChunkLayout layout = _layout;
        layout.PassThrough.WriteHeader(output);
        foreach (OutputColumn column in layout.Outputs)
        {
            output.WriteField(column.Name);
            if (column.HasMultivalueColumn)
            {
                output.WriteField(column.MultivalueName);
            }
        }

        output.EndRow();

        int written = 0;
        int rows = 0;
        int failed = 0;
        string? firstError = null;
        while (input.ReadRow())
        {
            rows++;
            string? error = input.RowError;
            FlowResult result = default;
            if (error is null)
            {
                if (layout.Binder.TryBind(input.Data, input.Cells, out FlowRecord record, out FieldError fieldError))
                {
                    result = _classifier!.Classify(record);
                }
                else
                {
                    error = Describe(fieldError, header, input);
                }
            }

            if (error is null && Options.OnlySuspicious && !result.Suspicious)
            {
                continue;
            }

            layout.PassThrough.WriteRow(input, output);
            if (error is null)
            {
                WriteResult(layout, result, output);
            }
            else
            {
                failed++;
                firstError ??= "record " + rows.ToString(CultureInfo.InvariantCulture) + ": " + error;
                WriteError(layout, error, input, output);
            }

            output.EndRow();
            written++;
        }

        if (failed > 0)
        {
            chunk.AddMessage("WARN", Name + ": " + failed.ToString(CultureInfo.InvariantCulture) + " of " + rows.ToString(CultureInfo.InvariantCulture)
                + " records in this chunk could not be classified and carry " + _outputNames[^1] + "; the first, " + firstError);
        }

        return written;
    }

    private static string[] BuildRequiredFields(FlowRoleOptions options, string[] outputNames)
    {
        var fields = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name)
        {
            if (seen.Add(name))
            {
                fields.Add(name);
            }
        }

        foreach (FlowField field in FieldAliases.Fields)
        {
            if (options.FieldOverrides.TryGetValue(field, out string? column))
            {
                Add(column);
                continue;
            }

            foreach (FieldAlias alias in FieldAliases.For(field))
            {
                Add(alias.Name);
                if (alias.RequiresColumn is not null)
                {
                    Add(alias.RequiresColumn);
                }
            }
        }

        // Fields the output replaces are asked for too, so a record that cannot be classified keeps its own values.
        foreach (string name in outputNames)
        {
            Add(name);
        }

        return fields.ToArray();
    }

    private static string Describe(FieldError error, SplunkCsvHeader header, SplunkCsvReader input)
    {
        // splunkd joins a multivalue field's values with LF in the plain column; say so rather than show the join.
        if (error.Column is not null)
        {
            int column = header.IndexOf(error.Column);
            int mv = column >= 0 ? header.MultivalueColumnOf(column) : -1;
            int count = mv >= 0 ? MultivalueBuilder.CountEncoded(input.Field(mv)) : 0;
            if (count > 1)
            {
                return error.Column + ": has " + count.ToString(CultureInfo.InvariantCulture) + " values; flowrole needs a single "
                    + FieldAliases.DisplayName(error.Field) + " per record";
            }
        }

        return error.Message;
    }

    private void WriteResult(ChunkLayout layout, in FlowResult result, SplunkCsvWriter output)
    {
        FlowResultFormatter formatter = _formatter!;
        foreach (OutputColumn column in layout.Outputs)
        {
            if (column.Field == OutputField.Error)
            {
                output.WriteField(ReadOnlySpan<byte>.Empty);
                if (column.HasMultivalueColumn)
                {
                    output.WriteField(ReadOnlySpan<byte>.Empty);
                }

                continue;
            }

            if (OutputContract.IsMultivalue(column.Field))
            {
                _multivalue.Clear();
                OutputValueEnumerator values = formatter.GetValues(column.Field, result);
                while (values.MoveNext())
                {
                    _multivalue.Add(values.Current);
                }

                output.WriteMultivalue(_multivalue);
                continue;
            }

            if (!formatter.TryFormat(column.Field, result, _scratch, out int length))
            {
                throw new InvalidOperationException(column.Name + " does not fit " + _scratch.Length.ToString(CultureInfo.InvariantCulture) + " bytes");
            }

            output.WriteField(_scratch.AsSpan(0, length));
            if (column.HasMultivalueColumn)
            {
                output.WriteField(ReadOnlySpan<byte>.Empty);
            }
        }
    }

    private static void WriteError(ChunkLayout layout, string error, SplunkCsvReader input, SplunkCsvWriter output)
    {
        foreach (OutputColumn column in layout.Outputs)
        {
            if (column.Field == OutputField.Error)
            {
                output.WriteField(Encoding.UTF8.GetBytes(error));
                if (column.HasMultivalueColumn)
                {
                    output.WriteField(ReadOnlySpan<byte>.Empty);
                }

                continue;
            }

            // FlowRole has nothing to say about this record, so a same-named input field keeps its value.
            output.WriteField(column.InputColumn >= 0 ? input.Field(column.InputColumn) : default);
            if (column.HasMultivalueColumn)
            {
                output.WriteField(column.InputMultivalueColumn >= 0 ? input.Field(column.InputMultivalueColumn) : default);
            }
        }
    }

    /// <summary>One output field's columns, and the input columns of the same name it replaces.</summary>
    private sealed record OutputColumn(OutputField Field, byte[] Name, byte[] MultivalueName, bool HasMultivalueColumn, int InputColumn, int InputMultivalueColumn);

    /// <summary>What is planned once per distinct header: the binder, the copied columns and the output columns.</summary>
    private sealed class ChunkLayout
    {
        private readonly IReadOnlyList<string> _names;

        public ChunkLayout(SplunkCsvHeader header, string[] outputNames, IReadOnlyDictionary<FlowField, string> overrides)
        {
            _names = header.Names;
            Binder = new FlowRecordBinder(header.Names, overrides);
            PassThrough = new PassThroughColumns(header, outputNames);
            Outputs = new OutputColumn[outputNames.Length];
            for (int i = 0; i < outputNames.Length; i++)
            {
                OutputField field = OutputContract.AllFields[i];
                string name = outputNames[i];
                int inputColumn = header.IndexOf(name);
                int inputMultivalue = header.IndexOf(SplunkCsvHeader.MultivaluePrefix + name);
                Outputs[i] = new OutputColumn(field, Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(SplunkCsvHeader.MultivaluePrefix + name),
                    OutputContract.IsMultivalue(field) || inputMultivalue >= 0, inputColumn, inputMultivalue);
            }
        }

        public FlowRecordBinder Binder { get; }

        public PassThroughColumns PassThrough { get; }

        public OutputColumn[] Outputs { get; }

        public bool Matches(SplunkCsvHeader header)
        {
            IReadOnlyList<string> names = header.Names;
            if (names.Count != _names.Count)
            {
                return false;
            }

            for (int i = 0; i < names.Count; i++)
            {
                if (!string.Equals(names[i], _names[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
