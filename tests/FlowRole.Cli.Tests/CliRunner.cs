using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Cli;
using FlowRole.Cli.Hosting;
using FlowRole.Formats;

namespace FlowRole.Cli.Tests;

/// <summary>What one run of the tool produced.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] ErrorLines => Error.Split(new[] { '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The output read back as CSV: header, rows (values by column, last column of a name wins).</summary>
    public List<Dictionary<string, string>> CsvRows(out IReadOnlyList<string> header, out List<List<string>> raw)
    {
        using FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(Output)), InputFormat.Csv);
        var rows = new List<Dictionary<string, string>>();
        raw = new List<List<string>>();
        while (reader.Read())
        {
            if (reader.RowError is not null)
            {
                throw new InvalidOperationException("Output CSV row error: " + reader.RowError);
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            var values = new List<string>();
            for (int i = 0; i < reader.Cells.Length; i++)
            {
                string v = Encoding.UTF8.GetString(reader.Cells[i].Slice(reader.RowData));
                row[reader.Columns[i]] = v;
                values.Add(v);
            }

            rows.Add(row);
            raw.Add(values);
        }

        header = reader.Columns.ToArray();
        return rows;
    }

    public List<Dictionary<string, string>> CsvRows() => CsvRows(out _, out _);
}

/// <summary>Runs the tool in-process with its standard streams captured.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => Run(null, false, args);

    public static CliResult RunWithInput(string stdin, params string[] args) => Run(Encoding.UTF8.GetBytes(stdin), false, args);

    public static CliResult Run(byte[]? stdin, bool terminal, params string[] args)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var console = new CliConsole(new MemoryStream(stdin ?? Array.Empty<byte>()), output, error, inputIsTerminal: false,
            outputIsTerminal: terminal, errorIsTerminal: false);
        int code = CliApp.Run(args, console);
        return new CliResult(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    public static string Sample(params string[] parts) => FlowRole.Tests.TestPaths.InRepo(new[] { "samples" }.Concat(parts).ToArray());
}
