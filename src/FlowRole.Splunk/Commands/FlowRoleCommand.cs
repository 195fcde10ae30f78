using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Identity;
using FlowRole.Splunk.Csv;
using FlowRole.Splunk.Hosting;
using FlowRole.Text;

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

    // Reply sizing (EstimateReplyBytes), generous rather than tight (an overestimate costs address space, not
    // memory): the contract fields add about 240 bytes to a plain IPv4 flow and 290 on average to a mix with IPv6
    // and findings; an explanation adds about 890 (ReplyBufferTests).
    private const int AddedBytesPerRecord = 320;
    private const int ExplanationBytesPerRecord = 1024;

    private readonly RecordBlock _block = new();
    private FlowRoleOptions? _options;
    private Classifier? _classifier;
    private FlowResultFormatter? _formatter;
    private string[] _requiredFields = [];
    private string[] _outputNames = [];
    private ChunkLayout? _layout;
    private ExplainedRecordWriter? _explained;
    private string? _explanationName;

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
        _outputNames = new string[OutputContract.AllFields.Count];
        for (int i = 0; i < _outputNames.Length; i++)
        {
            _outputNames[i] = _options.Prefix + OutputContract.NameOf(OutputContract.AllFields[i]);
        }

        if (_options.Explanation)
        {
            _explanationName = _options.Prefix + "explanation";
        }

        _requiredFields = BuildRequiredFields(_options, _outputNames);
    }

    /// <summary>
    /// Builds the classifier, its formatter and the explanation writer, once, when the first records arrive. Their
    /// tables (port roles, the compiled policy) are about half of the start-up work, and splunkd waits for the getinfo
    /// reply, which needs none of them; every argument, the policy file included, is already checked by then.
    /// </summary>
    [MemberNotNull(nameof(_classifier), nameof(_formatter))]
    private void EnsureClassifier()
    {
        if (_classifier is not null && _formatter is not null)
        {
            return;
        }

        _classifier = new Classifier(new ClassifierOptions { Policy = Options.Policy, InternalNetworks = Options.InternalNetworks });
        _formatter = new FlowResultFormatter(_classifier);
        if (_explanationName is not null)
        {
            _explained = new ExplainedRecordWriter(_classifier, _formatter);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Each request line is taken for a record (a quoted newline only overestimates).</remarks>
    public override long EstimateReplyBytes(ReadOnlySpan<byte> requestBody) =>
        requestBody.Length + ((long)requestBody.Count((byte)'\n') * (AddedBytesPerRecord + (_explanationName is null ? 0 : ExplanationBytesPerRecord)));

    /// <inheritdoc/>
    /// <remarks>
    /// Records go through in blocks (<see cref="RecordBlock"/>): each row is read and bound, then the block's records
    /// are classified, their Community IDs computed together, and the rows written in order, each classified one in a
    /// single pass into the output buffer. Output is the same as record by record.
    /// </remarks>
    public override int ProcessChunk(ChunkContext chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        EnsureClassifier();
        SplunkCsvReader input = chunk.Input;
        SplunkCsvWriter output = chunk.Output;
        SplunkCsvHeader header = input.Header!;
        if (_layout is null || !_layout.Matches(header))
        {
            _layout = new ChunkLayout(header, _outputNames, Options.FieldOverrides, _formatter, Options.RawField, _explanationName);
        }

        ChunkLayout layout = _layout;
        layout.PassThrough.WriteHeader(output);
        layout.Added.WriteHeader(output);
        if (_explanationName is not null)
        {
            output.WriteField(_explanationName);
        }

        output.EndRow();

        RecordBlock block = _block;
        FlowRecordBinder binder = layout.Binder;
        ReadOnlySpan<byte> data = input.Data; // the body stays put for the whole chunk
        int written = 0;
        int rows = 0;
        int failed = 0;
        string? firstError = null;
        bool more = true;
        while (more)
        {
            // Read and bind a block of rows; a row's problem is described while the reader is on it.
            block.Reset(header.Count);
            while (!block.IsFull)
            {
                // A plain row is read straight into the block; any other goes through the reader's own cells.
                int row;
                string? error = null;
                if (input.TryReadSimpleRow(block.CellArray, block.NextCellOffset))
                {
                    row = block.AddInPlace();
                }
                else if (input.ReadRow())
                {
                    row = block.Add(input.Cells, input.RowVerbatim);
                    error = input.RowError;
                }
                else
                {
                    more = false;
                    break;
                }

                rows++;
                if (error is null)
                {
                    if (binder.TryBind(data, block.CellsOf(row), out block.NextRecord, out FieldError fieldError))
                    {
                        block.CommitRecord();
                        continue;
                    }

                    if (layout.RawColumn >= 0 && fieldError.Kind is FieldErrorKind.NoColumn or FieldErrorKind.Missing)
                    {
                        // No structured endpoints: read them from the raw= field's alert text.
                        AlertTextResult parsed = AlertTextParser.Parse(input.Field(layout.RawColumn));
                        if (parsed.IsSuccess)
                        {
                            block.NextRecord = parsed.Record;
                            block.CommitRecord();
                            continue;
                        }

                        error = Options.RawField + ": " + parsed.Message;
                    }
                    else
                    {
                        error = Describe(fieldError, header, input);
                    }
                }

                block.Errors[row] = error;
                failed++;
                firstError ??= "record " + rows.ToString(CultureInfo.InvariantCulture) + ": " + error;
            }

            written += WriteBlock(block, layout, data, output);
        }

        output.Flush();

        if (failed > 0)
        {
            chunk.AddMessage("WARN", Name + ": " + failed.ToString(CultureInfo.InvariantCulture) + " of " + rows.ToString(CultureInfo.InvariantCulture)
                + " records in this chunk could not be classified and carry " + _outputNames[^1] + "; the first, " + firstError);
        }

        return written;
    }

    /// <summary>Classifies a block's records, computes their Community IDs, and writes its rows in order.</summary>
    private int WriteBlock(RecordBlock block, ChunkLayout layout, ReadOnlySpan<byte> data, SplunkCsvWriter output)
    {
        Classifier classifier = _classifier!;
        int bound = block.Bound;
        classifier.Classify(block.Records.AsSpan(0, bound), block.Results);
        classifier.CommunityId.Format(block.Records.AsSpan(0, bound), block.CommunityIds, block.CommunityIdLengths);

        bool onlySuspicious = Options.OnlySuspicious;
        int written = 0;
        for (int row = 0; row < block.Count; row++)
        {
            ReadOnlySpan<Cell> cells = block.CellsOf(row);
            int slot = block.Slots[row];
            if (slot < 0)
            {
                layout.PassThrough.WriteRow(data, cells, output);
                WriteError(layout, block.Errors[row]!, data, cells, output);
                if (_explanationName is not null)
                {
                    output.WriteField(ReadOnlySpan<byte>.Empty);
                }

                output.EndRow();
                written++;
                continue;
            }

            ref readonly FlowResult result = ref block.Results[slot];
            if (onlySuspicious && !result.Suspicious)
            {
                continue;
            }

            ReadOnlySpan<byte> communityId = block.CommunityIds.AsSpan(slot * CommunityId.TextLength, block.CommunityIdLengths[slot]);
            if (_explained is not null)
            {
                _explained.Write(layout.PassThrough, layout.Added, data, cells, result, communityId, output);
            }
            else
            {
                layout.Records.Write(data, cells, block.Verbatim[row], result, communityId, output);
            }

            written++;
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

        if (options.RawField is { } raw)
        {
            Add(raw);
        }

        // Fields the output replaces are asked for too, so a record that cannot be classified keeps its own values.
        foreach (string name in outputNames)
        {
            Add(name);
        }

        return fields.ToArray();
    }

    private string Describe(FieldError error, SplunkCsvHeader header, SplunkCsvReader input)
    {
        // Say it with this command's option name (flags=, not tcp_flags=) and the field the user named.
        if (error.Kind == FieldErrorKind.OverrideColumnMissing && Options.FieldOverrides.TryGetValue(error.Field, out string? named))
        {
            foreach (KeyValuePair<string, FlowField> option in FlowRoleOptions.FieldOptions)
            {
                if (option.Value == error.Field)
                {
                    return option.Key + "=" + named + ": the input has no field '" + named + "'";
                }
            }
        }

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

    private static void WriteError(ChunkLayout layout, string error, ReadOnlySpan<byte> data, ReadOnlySpan<Cell> cells, SplunkCsvWriter output)
    {
        IReadOnlyList<OutputField> fields = OutputContract.AllFields;
        for (int i = 0; i < fields.Count; i++)
        {
            // FlowRole has nothing to say about this record, so a same-named input field keeps its value.
            if (fields[i] == OutputField.Error)
            {
                layout.Added.Write(output, i, Encoding.UTF8.GetBytes(error));
            }
            else
            {
                layout.Added.WriteInput(output, i, data, cells);
            }
        }
    }

    /// <summary>What is planned once per distinct header: the binder, the copied columns and the added columns.</summary>
    private sealed class ChunkLayout
    {
        private readonly IReadOnlyList<string> _names;

        public ChunkLayout(SplunkCsvHeader header, string[] outputNames, IReadOnlyDictionary<FlowField, string> overrides, FlowResultFormatter formatter,
            string? rawField = null, string? explanationName = null)
        {
            _names = header.Names;
            Binder = new FlowRecordBinder(header.Names, overrides);
            PassThrough = new PassThroughColumns(header, explanationName is null ? outputNames : [.. outputNames, explanationName]);
            RawColumn = rawField is null ? -1 : header.IndexOf(rawField);
            var multivalue = new bool[outputNames.Length];
            for (int i = 0; i < multivalue.Length; i++)
            {
                multivalue[i] = OutputContract.IsMultivalue(OutputContract.AllFields[i]);
            }

            Added = new AddedColumns(header, outputNames, multivalue);
            // Endpoint text is copied from the cells only when every written record was bound from them: a record
            // read from the raw= field's alert text was not.
            Records = new RecordWriter(formatter, PassThrough, Added, RawColumn < 0 ? Binder : null);
        }

        public RecordWriter Records { get; }

        /// <summary>The <c>raw=</c> field's column, or -1 (not asked for, or not in this chunk).</summary>
        public int RawColumn { get; }

        public FlowRecordBinder Binder { get; }

        public PassThroughColumns PassThrough { get; }

        public AddedColumns Added { get; }

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
