using System;
using System.Collections.Generic;
using System.IO;
using FlowRole.Cli.Arguments;
using FlowRole.Cli.Commands;
using FlowRole.Cli.Hosting;
using FlowRole.Cli.Input;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using FlowRole.Policy;
using FlowRole.Roles;
using FlowRole.Text;

namespace FlowRole.Cli.Pipeline;

/// <summary>
/// <c>flowrole classify --text</c>: every input line is raw alert text. Core's <see cref="AlertTextParser"/> reads the
/// flow from it, the classifier classifies it, and the normal writers emit the line (as <c>alert_text</c>) with the
/// output contract; a line that states no flow is written in place with <c>flowrole_error</c>. Blank lines are skipped.
/// </summary>
internal sealed class AlertTextRun
{
    private readonly ClassifyCommand.Settings _settings;
    private readonly List<InputSource> _inputs;
    private readonly CliConsole _console;
    private readonly ErrorReporter _errors;
    private long _records;
    private bool _findingAtFailLevel;

    private AlertTextRun(ClassifyCommand.Settings settings, List<InputSource> inputs, CliConsole console)
    {
        _settings = settings;
        _inputs = inputs;
        _console = console;
        _errors = new ErrorReporter(console.Error, settings.Quiet);
    }

    /// <summary>Runs over the inputs; options that only make sense for structured input are usage errors.</summary>
    public static int Run(ParsedArguments args, ClassifyCommand.Settings settings, List<InputSource> inputs, CliConsole console)
    {
        if (args.Has("input-format"))
        {
            throw new UsageException("--text reads every line as alert text; it cannot be combined with --input-format");
        }

        if (args.Has("field"))
        {
            throw new UsageException("--text finds the endpoints in the text itself; it cannot be combined with --field");
        }

        return new AlertTextRun(settings, inputs, console).Execute();
    }

    private int Execute()
    {
        ClassifierOptions options = _settings.BaseOptions;
        if (_settings.Learn)
        {
            foreach (InputSource input in _inputs)
            {
                input.Spool();
            }

            options = options.WithLearned(Learn(options));
        }
        else if (_console.InputIsTerminal)
        {
            foreach (InputSource input in _inputs)
            {
                if (input.IsStandardInput)
                {
                    _errors.Warning("reading alert text from standard input, one alert per line (end with Ctrl-D)");
                }
            }
        }

        var classifier = new Classifier(options);
        var formatter = new FlowResultFormatter(classifier);
        Stream output = OpenOutput();
        try
        {
            using (FlowWriter writer = FlowWriter.Create(_settings.Format, output, formatter, AlertLineRow.ColumnNames, leaveOpen: true, _settings.Prefix,
                spreadsheetSafe: _settings.SpreadsheetSafe))
            {
                foreach (InputSource input in _inputs)
                {
                    Classify(input, classifier, writer);
                }
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

        _errors.Summary(_records);
        if (_findingAtFailLevel)
        {
            return ExitCodes.Findings;
        }

        return _errors.Count > 0 ? ExitCodes.InputErrors : ExitCodes.Success;
    }

    private LearnedRoles Learn(ClassifierOptions options)
    {
        var learner = new RoleLearner(options);
        foreach (InputSource input in _inputs)
        {
            using Stream stream = input.Open();
            var lines = new LineReader(stream, AlertTextParser.MaxLength);
            while (lines.Read(out ReadOnlySpan<byte> line))
            {
                AlertTextResult parsed = AlertTextParser.Parse(line);
                if (parsed.IsSuccess)
                {
                    learner.Observe(parsed.Record);
                }
            }
        }

        return learner.Build();
    }

    private void Classify(InputSource input, Classifier classifier, FlowWriter writer)
    {
        using Stream stream = input.Open();
        var lines = new LineReader(stream, AlertTextParser.MaxLength);
        var row = new AlertLineRow(input.DisplayName);
        bool onlySuspicious = _settings.OnlySuspicious;
        Severity failOn = _settings.FailOn ?? (Severity)byte.MaxValue;
        while (lines.Read(out ReadOnlySpan<byte> line))
        {
            if (IsBlank(line))
            {
                continue;
            }

            _records++;
            row.Load(line, lines.LineNumber);
            AlertTextResult parsed = lines.Truncated
                ? default
                : AlertTextParser.Parse(line);
            if (!lines.Truncated && parsed.IsSuccess)
            {
                FlowResult result = classifier.Classify(parsed.Record);
                if (result.Severity >= failOn)
                {
                    _findingAtFailLevel = true;
                }

                if (!onlySuspicious || result.Suspicious)
                {
                    writer.WriteResult(row, result);
                }

                continue;
            }

            string message = lines.Truncated
                ? "the line is longer than " + AlertTextParser.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes; an alert line is expected"
                : parsed.Message;
            _errors.Record(input.DisplayName, lines.LineNumber, message);
            if (!onlySuspicious)
            {
                writer.WriteError(row, message);
            }
        }
    }

    private Stream OpenOutput() => SharedOptions.OpenOutput(_console, _settings.OutputPath);

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
