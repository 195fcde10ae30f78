using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using FlowRole.Addresses;
using FlowRole.Cli.Arguments;
using FlowRole.Cli.Hosting;
using FlowRole.Cli.Input;
using FlowRole.Cli.Pipeline;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Identity;
using FlowRole.Policy;
using FlowRole.Roles;

namespace FlowRole.Cli.Commands;

/// <summary><c>flowrole classify</c>: reads flow logs, decides client and server for each record, writes the records with the output contract added.</summary>
internal sealed class ClassifyCommand : Command
{
    private static readonly OptionSpec[] OptionList =
    {
        new("format", 'f', "FORMAT", "Output format: csv, json or table (default: csv when output is redirected, table on a terminal)."),
        new("input-format", 'i', "FORMAT", "Input format: auto, csv, tsv, zeek, json, eve or firewall (default: auto, detected per input from its first bytes)."),
        new("output", 'o', "FILE", "Write to FILE instead of standard output."),
        new("policy", null, "FILE", "Suspicious-port policy file, layered over the embedded default policy."),
        new("internal", null, "CIDRS", "Internal networks, comma-separated (e.g. 10.0.0.0/8,fd00::/8); they replace the policy's and the default private ranges for scope and direction."),
        new("listeners", null, "FILE", "Known listeners, one per line: host:port/transport, *:port/transport or [IPv6]:port/transport; # starts a comment."),
        new("learn", null, null, "Read the input twice: first learn which endpoints many peers reach (servers), then classify with that knowledge."),
        new("only-suspicious", null, null, "Write only records with findings at or above the policy's threshold (errors are still reported on standard error)."),
        new("fail-on", null, "SEVERITY", "Exit with code 1 when any finding is at or above SEVERITY: info, low, medium, high or critical."),
        new("seed", null, "N", "Community ID seed, 0-65535 (default 0)."),
        new("field", null, "NAME=COLUMN", "Read a flow field from COLUMN instead of its aliases; repeatable. NAME is as listed by `flowrole fields` (e.g. src=SrcAddr, dest_port=DstPort).", repeatable: true),
        new("prefix", null, "TEXT", "Put TEXT before every output field name (e.g. fr_), to keep clear of input columns of the same name such as CIM's transport."),
        new("csv-safe", null, null, "Make CSV output safe to open in a spreadsheet: cells starting with =, +, -, @, a tab or a carriage return are quoted and prefixed with ' (OWASP CSV injection advice). Changes those values, so leave it off for files other tools read back."),
        new("quiet", 'q', null, "Do not list record errors on standard error; the closing summary stays."),
        new("threads", null, "N", "Threads that classify and format records, 1-64 (default: one per processor); the output is the same for any N."),
        new("text", null, null, "Read every input line as raw alert text (a syslog, netfilter, CEF, ASA, pfSense, PAN-OS or free-text line, as `flowrole explain` reads it); the line is kept as alert_text."),
    };

    public override string Name => "classify";

    public override string Summary => "Classify flow records: add client, server, service, role basis, scopes, direction, findings and Community ID to each record.";

    public override string Usage => "flowrole classify [OPTIONS] [FILE...]   (no FILE, or -, reads standard input)";

    public override IReadOnlyList<OptionSpec> Options => OptionList;

    public override string Details
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append("Inputs: CSV or TSV with a header, Zeek ASCII logs, JSON lines or arrays (Zeek JSON, Suricata eve.json, ECS,\n")
              .Append("OCSF), and the Windows Firewall log (pfirewall.log). Field names are recognised from Splunk CIM, ECS, Zeek,\n")
              .Append("Suricata, Sysmon, Get-NetTCPConnection, the Windows Firewall log and OCSF; see `flowrole fields`.\n\n")
              .Append("Every input field is kept, in order, and these fields are added:\n");
            int width = 0;
            foreach (OutputField f in OutputContract.AllFields)
            {
                width = Math.Max(width, OutputContract.NameOf(f).Length);
            }

            foreach (OutputField f in OutputContract.AllFields)
            {
                sb.Append("  ").Append(OutputContract.NameOf(f).PadRight(width + 2)).Append(OutputContract.Describe(f)).Append('\n');
            }

            sb.Append("\nA record that cannot be classified is still written, in place, with flowrole_error saying why; the first\n")
              .Append(ErrorReporter.Listed).Append(" such errors are also listed on standard error with file and line.\n\nExit codes:\n");
            HelpText.AppendExitCodes(sb);
            return sb.ToString();
        }
    }

    public override int Run(ParsedArguments args, CliConsole console)
    {
        var settings = Settings.From(args, console);
        var inputs = new List<InputSource>();
        try
        {
            bool stdinSeen = false;
            foreach (string p in args.Positionals.Count == 0 ? new List<string> { "-" } : args.Positionals)
            {
                if (p == "-")
                {
                    if (stdinSeen)
                    {
                        throw new UsageException("standard input (-) is named twice");
                    }

                    stdinSeen = true;
                    inputs.Add(InputSource.StandardInput(console.Input));
                }
                else
                {
                    inputs.Add(InputSource.File(p));
                }
            }

            if (args.Has("text"))
            {
                return Pipeline.AlertTextRun.Run(args, settings, inputs, console);
            }

            return new ClassifyRun(settings, inputs, console).Execute();
        }
        finally
        {
            foreach (InputSource input in inputs)
            {
                input.Dispose();
            }
        }
    }

    /// <summary>The options, checked and loaded (policy, listeners, networks) before any input is read.</summary>
    internal sealed class Settings
    {
        public OutputFormat Format { get; private init; }

        public InputFormat InputFormat { get; private init; }

        public string? OutputPath { get; private init; }

        public ClassifierOptions BaseOptions { get; private init; } = new();

        public bool Learn { get; private init; }

        public bool OnlySuspicious { get; private init; }

        public Severity? FailOn { get; private init; }

        public Dictionary<FlowField, string> Overrides { get; } = new();

        public string Prefix { get; private init; } = string.Empty;

        public bool SpreadsheetSafe { get; private init; }

        public bool Quiet { get; private init; }

        public int Threads { get; private init; }

        public static Settings From(ParsedArguments args, CliConsole console)
        {
            string? outputPath = args.Value("output");
            string format = args.Choice("format", outputPath is null && console.OutputIsTerminal ? "table" : "csv", "csv", "json", "table");
            string inputFormat = args.Choice("input-format", "auto", "auto", "csv", "tsv", "zeek", "json", "eve", "firewall");

            PortPolicy? policy = SharedOptions.LoadPolicy(args);
            NetworkSet? internalNetworks = SharedOptions.ParseInternalNetworks(args);
            ListenerSet? listeners = SharedOptions.LoadListeners(args);

            Severity? failOn = null;
            if (args.Value("fail-on") is { } failText)
            {
                if (!FlowNames.TryParseSeverity(failText, out Severity s) || s == Severity.None)
                {
                    throw new UsageException("--fail-on: '" + failText + "' is not a severity (info, low, medium, high or critical)");
                }

                failOn = s;
            }

            var settings = new Settings
            {
                Format = format switch { "json" => OutputFormat.Json, "table" => OutputFormat.Table, _ => OutputFormat.Csv },
                InputFormat = inputFormat switch
                {
                    "csv" => FlowRole.Formats.InputFormat.Csv,
                    "tsv" => FlowRole.Formats.InputFormat.Tsv,
                    "zeek" => FlowRole.Formats.InputFormat.Zeek,
                    "json" or "eve" => FlowRole.Formats.InputFormat.Json,
                    "firewall" => FlowRole.Formats.InputFormat.WindowsFirewall,
                    _ => FlowRole.Formats.InputFormat.Auto,
                },
                OutputPath = outputPath,
                BaseOptions = new ClassifierOptions
                {
                    Policy = policy,
                    InternalNetworks = internalNetworks,
                    Listeners = listeners,
                    CommunityIdSeed = (ushort)args.Integer("seed", 0, 0, ushort.MaxValue),
                },
                Learn = args.Has("learn"),
                OnlySuspicious = args.Has("only-suspicious"),
                FailOn = failOn,
                Prefix = args.Value("prefix") ?? string.Empty,
                SpreadsheetSafe = args.Has("csv-safe"),
                Quiet = args.Has("quiet"),
                Threads = args.Integer("threads", Math.Min(Environment.ProcessorCount, 64), 1, 64),
            };

            foreach (string item in args.Values("field"))
            {
                int eq = item.IndexOf('=');
                if (eq <= 0 || eq == item.Length - 1)
                {
                    throw new UsageException("--field: '" + item + "' is not NAME=COLUMN");
                }

                if (!FieldAliases.TryParseParameterName(item.Substring(0, eq), out FlowField field))
                {
                    throw new UsageException("--field: '" + item.Substring(0, eq) + "' is not a field name (see `flowrole fields`)");
                }

                if (settings.Overrides.ContainsKey(field))
                {
                    throw new UsageException("--field: " + FieldAliases.ParameterName(field) + " is given twice");
                }

                settings.Overrides.Add(field, item.Substring(eq + 1));
            }

            return settings;
        }
    }

    /// <summary>One run over the inputs.</summary>
    private sealed class ClassifyRun
    {
        private readonly Settings _settings;
        private readonly List<InputSource> _inputs;
        private readonly CliConsole _console;
        private readonly ErrorReporter _errors;
        private readonly ProgressReporter _progress;
        private readonly Dictionary<FlowReader, bool> _primedHasRow = new();
        private bool _fixedColumnStdin;
        private long _records;
        private bool _findingAtFailLevel;

        public ClassifyRun(Settings settings, List<InputSource> inputs, CliConsole console)
        {
            _settings = settings;
            _inputs = inputs;
            _console = console;
            _errors = new ErrorReporter(console.Error, settings.Quiet);
            _progress = new ProgressReporter(console.Error, console.ErrorIsTerminal && (settings.OutputPath is not null || !console.OutputIsTerminal));
        }

        public int Execute()
        {
            // Standard input is read once; copy it aside when a second pass needs it.
            var primed = new Dictionary<InputSource, FlowReader>();
            try
            {
                foreach (InputSource input in _inputs)
                {
                    if (!input.IsStandardInput)
                    {
                        continue;
                    }

                    if (_console.InputIsTerminal)
                    {
                        _errors.Warning("reading flow records from standard input (end with Ctrl-D)");
                    }

                    InputFormat format = _settings.InputFormat == InputFormat.Auto ? input.Sniff() : _settings.InputFormat;
                    _fixedColumnStdin = format is InputFormat.Csv or InputFormat.Tsv;
                    if (_settings.Learn || (_settings.Format == OutputFormat.Csv && !_fixedColumnStdin))
                    {
                        input.Spool();
                    }
                }

                ClassifierOptions options = _settings.BaseOptions;
                if (_settings.Learn)
                {
                    options = options.WithLearned(LearnRoles(options));
                }

                var classifier = new Classifier(options);
                var formatter = new FlowResultFormatter(classifier);

                IReadOnlyList<string>? columns = InspectInputs(primed);

                Stream output = OpenOutput();
                try
                {
                    // Several threads classify and format blocks of rows (CSV and JSON; a table aligns what it
                    // has seen, so it stays on one thread). The output is the same either way.
                    bool parallel = _settings.Format != OutputFormat.Table;
                    using (FlowWriter writer = FlowWriter.Create(_settings.Format, output, formatter, columns, leaveOpen: true, _settings.Prefix,
                        spreadsheetSafe: _settings.SpreadsheetSafe))
                    {
                        if (parallel)
                        {
                            writer.Flush();
                        }

                        BatchRunner? batches = parallel
                            ? new BatchRunner(_settings.Threads, b => ProcessBatch(b, classifier, formatter, columns), b => CompleteBatch(b, output))
                            : null;
                        foreach (InputSource input in _inputs)
                        {
                            primed.TryGetValue(input, out FlowReader? reader);
                            primed.Remove(input);
                            Classify(input, reader, classifier, writer, batches);
                        }

                        batches?.Finish();
                    }

                    output.Flush();
                }
                finally
                {
                    if (!ReferenceEquals(output, _console.Output))
                    {
                        output.Dispose();
                    }
                }
            }
            finally
            {
                foreach (FlowReader reader in primed.Values)
                {
                    reader.Dispose();
                }

                _progress.Clear();
            }

            _errors.Summary(_records);
            if (_findingAtFailLevel)
            {
                return ExitCodes.Findings;
            }

            return _errors.Count > 0 ? ExitCodes.InputErrors : ExitCodes.Success;
        }

        private Stream OpenOutput() => SharedOptions.OpenOutput(_console, _settings.OutputPath);

        private FlowReader OpenReader(InputSource input) => FlowReader.Open(input.Open(), _settings.InputFormat, input.DisplayName);

        /// <summary>The first pass of --learn: every record that binds is observed.</summary>
        private LearnedRoles LearnRoles(ClassifierOptions options)
        {
            var learner = new RoleLearner(options);
            foreach (InputSource input in _inputs)
            {
                using FlowReader reader = OpenReader(input);
                FlowRecordBinder? binder = null;
                int version = -1;
                while (reader.Read())
                {
                    if (reader.ColumnsVersion != version)
                    {
                        binder = binder?.WithColumns(reader.Columns) ?? new FlowRecordBinder(reader.Columns, _settings.Overrides);
                        version = reader.ColumnsVersion;
                    }

                    if (reader.RowError is null && binder!.TryBind(reader.RowData, reader.Cells, out FlowRecord record, out _))
                    {
                        learner.Observe(record);
                    }
                }
            }

            return learner.Build();
        }

        /// <summary>
        /// Reads each input's header before anything is written: a --field naming a column the input lacks is a usage
        /// error, and a CSV output needs every input's columns (merged) for its header. A CSV/TSV header is read once;
        /// for CSV output JSON and Zeek inputs are read through, since any record may add a column.
        /// </summary>
        private IReadOnlyList<string>? InspectInputs(Dictionary<InputSource, FlowReader> primed)
        {
            bool csv = _settings.Format == OutputFormat.Csv;
            if (!csv && _settings.Overrides.Count == 0)
            {
                return null;
            }

            var lists = new List<IReadOnlyList<string>>();
            foreach (InputSource input in _inputs)
            {
                if (!input.CanReopen && !_fixedColumnStdin)
                {
                    continue; // Standard input read once, not a CSV output: checked as its records arrive.
                }

                FlowReader reader = OpenReader(input);
                bool keep = false;
                try
                {
                    bool hasRow = reader.Read();
                    if (!reader.ColumnsAreFinal)
                    {
                        if (!csv)
                        {
                            continue;
                        }

                        reader.ReadAllColumns();
                    }

                    foreach (FlowField field in new FlowRecordBinder(reader.Columns, _settings.Overrides).UnresolvedOverrides)
                    {
                        throw new UsageException("--field " + FieldAliases.ParameterName(field) + "=" + _settings.Overrides[field] + ": "
                            + input.DisplayName + " has no such column");
                    }

                    lists.Add(new List<string>(reader.Columns));
                    if (!input.CanReopen)
                    {
                        // Standard input with a header: keep this reader (its first row is read) for the main pass.
                        primed.Add(input, reader);
                        _primedHasRow[reader] = hasRow;
                        keep = true;
                    }
                }
                finally
                {
                    if (!keep)
                    {
                        reader.Dispose();
                    }
                }
            }

            return csv ? FlowWriter.MergeColumns(lists) : null;
        }

        private void Classify(InputSource input, FlowReader? primedReader, Classifier classifier, FlowWriter writer, BatchRunner? batches)
        {
            using FlowReader reader = primedReader ?? OpenReader(input);
            bool hasRow = primedReader is not null ? _primedHasRow[primedReader] : reader.Read();
            FlowRecordBinder? binder = null;
            int version = -1;
            bool headerReported = false;
            bool onlySuspicious = _settings.OnlySuspicious;
            Severity failOn = _settings.FailOn ?? (Severity)byte.MaxValue;
            while (hasRow)
            {
                if (reader.ColumnsVersion != version)
                {
                    binder = binder?.WithColumns(reader.Columns) ?? new FlowRecordBinder(reader.Columns, _settings.Overrides);
                    version = reader.ColumnsVersion;
                    if (reader.ColumnsAreFinal)
                    {
                        CheckHeader(input, binder, ref headerReported);
                    }
                }

                _records++;
                if (batches is not null)
                {
                    batches.Add(reader, binder!);
                }
                else if (reader.RowError is { } rowError)
                {
                    _errors.Record(input.DisplayName, reader.LineNumber, rowError);
                    if (!onlySuspicious)
                    {
                        writer.WriteError(reader, rowError);
                    }
                }
                else if (binder!.TryBind(reader.RowData, reader.Cells, out FlowRecord record, out FieldError error))
                {
                    FlowResult result = classifier.Classify(record);
                    if (result.Severity >= failOn)
                    {
                        _findingAtFailLevel = true;
                    }

                    if (!onlySuspicious || result.Suspicious)
                    {
                        writer.WriteResult(reader, result);
                    }
                }
                else
                {
                    string message = error.Message;
                    _errors.Record(input.DisplayName, reader.LineNumber, message);

                    if (!onlySuspicious)
                    {
                        writer.WriteError(reader, message);
                    }
                }

                _progress.Tick(_records, input.DisplayName);
                hasRow = reader.Read();
            }

            batches?.EndInput();
            if (binder is not null)
            {
                foreach (FlowField field in binder.UnresolvedOverrides)
                {
                    _errors.Input(input.DisplayName, "--field " + FieldAliases.ParameterName(field) + "=" + _settings.Overrides[field] + ": no such column");
                }
            }
        }

        /// <summary>
        /// On a worker: binds, classifies and formats a block into its own buffer, a stage at a time over the whole
        /// block: every row is bound, the bound records are classified, their Community IDs are computed together
        /// (SIMD SHA-1 over several flows at once), then the rows are written in order.
        /// </summary>
        private void ProcessBatch(RowBatch batch, Classifier classifier, FlowResultFormatter formatter, IReadOnlyList<string>? columns)
        {
            bool onlySuspicious = _settings.OnlySuspicious;
            Severity failOn = _settings.FailOn ?? (Severity)byte.MaxValue;
            var row = new RowBatch.Row();
            FlowRecord[] records = batch.Records;
            FlowResult[] results = batch.Results;
            int[] slots = batch.Slots;
            string?[] bindErrors = batch.BindErrors;
            int bound = 0;
            for (int i = 0; i < batch.Count; i++)
            {
                ref readonly RowBatch.RowInfo info = ref batch.Info(i);
                slots[i] = -1;
                bindErrors[i] = null;
                if (info.Error is not null)
                {
                    continue;
                }

                batch.Point(row, i);
                if (info.Binder.TryBind(row.RowData, row.Cells, out records[bound], out FieldError error))
                {
                    slots[i] = bound++;
                }
                else
                {
                    bindErrors[i] = error.Message;
                }
            }

            classifier.Classify(records.AsSpan(0, bound), results);

            // Community IDs of the records that will be written (with --only-suspicious, of the suspicious ones:
            // those are gathered to the front of the records, where Format reads them).
            int hashed = bound;
            if (onlySuspicious)
            {
                hashed = 0;
                for (int k = 0; k < bound; k++)
                {
                    if (results[k].Suspicious)
                    {
                        records[hashed++] = records[k];
                    }
                }
            }

            byte[] ids = batch.CommunityIds;
            int[] idLengths = batch.CommunityIdLengths;
            classifier.CommunityId.Format(records.AsSpan(0, hashed), ids, idLengths);

            using FlowWriter writer = FlowWriter.Create(_settings.Format, batch.Output, formatter, columns, leaveOpen: true, _settings.Prefix, header: false,
                spreadsheetSafe: _settings.SpreadsheetSafe);
            int written = 0;
            for (int i = 0; i < batch.Count; i++)
            {
                ref readonly RowBatch.RowInfo info = ref batch.Info(i);
                batch.Point(row, i);
                int k = slots[i];
                if (k >= 0)
                {
                    ref readonly FlowResult result = ref results[k];
                    if (result.Severity >= failOn)
                    {
                        batch.FindingAtFailLevel = true;
                    }

                    if (!onlySuspicious || result.Suspicious)
                    {
                        writer.WriteResult(row, result, ids.AsSpan(written * CommunityId.TextLength, idLengths[written]));
                        written++;
                    }

                    continue;
                }

                string message = info.Error ?? bindErrors[i]!;
                batch.Errors.Add((info.Line, message));
                if (!onlySuspicious)
                {
                    writer.WriteError(row, message);
                }
            }
        }

        /// <summary>On the reading thread, in input order: writes a block's output and reports its errors.</summary>
        private void CompleteBatch(RowBatch batch, Stream output)
        {
            batch.Output.WriteTo(output);
            foreach ((long line, string message) in batch.Errors)
            {
                _errors.Record(batch.SourceName, line, message);
            }

            _findingAtFailLevel |= batch.FindingAtFailLevel;
        }

        private void CheckHeader(InputSource input, FlowRecordBinder binder, ref bool reported)
        {
            foreach (FlowField field in binder.UnresolvedOverrides)
            {
                throw new UsageException("--field " + FieldAliases.ParameterName(field) + "=" + _settings.Overrides[field] + ": "
                    + input.DisplayName + " has no such column");
            }

            FieldError header = binder.HeaderError;
            if (header.IsError && !reported)
            {
                reported = true;
                _errors.Input(input.DisplayName, header.Message + "; every record of this input will carry this error");
            }
        }
    }
}
