using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowRole.Fields;
using FlowRole.Flows;
using FlowRole.Formats;
using Xunit;

namespace FlowRole.Tests.Robustness;

/// <summary>
/// The spreadsheet-safe CSV option (docs/security.md, "CSV injection"): every cell that starts with =, +, -, @, a tab
/// or a carriage return is quoted and prefixed with a single quote, header included; other cells, and the output
/// without the option, are byte for byte as before.
/// </summary>
public sealed class SpreadsheetSafeCsvTests
{
    private const string Input = "src_ip,src_port,dest_ip,dest_port,transport,note,=cmd\n"
        + "10.0.0.5,51000,93.184.216.34,443,tcp,=HYPERLINK(\"http://x\"),a\n"
        + "10.0.0.5,51001,93.184.216.34,443,tcp,+1+2,@SUM(A1)\n"
        + "10.0.0.5,51002,93.184.216.34,443,tcp,-,\tlead tab\n"
        + "10.0.0.5,51003,93.184.216.34,443,tcp,plain = text,\"\rcr\"\n"
        + "not an address,1,10.0.0.2,2,tcp,-2+3,x\n";

    [Fact]
    public void CellsThatStartAFormulaAreQuotedWithALeadingQuote()
    {
        string[] lines = Write(Input, spreadsheetSafe: true).Split('\n');
        Assert.StartsWith("src_ip,src_port,dest_ip,dest_port,transport,note,\"'=cmd\",client_ip,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("10.0.0.5,51000,93.184.216.34,443,tcp,\"'=HYPERLINK(\"\"http://x\"\")\",a,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("10.0.0.5,51001,93.184.216.34,443,tcp,\"'+1+2\",\"'@SUM(A1)\",", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("10.0.0.5,51002,93.184.216.34,443,tcp,\"'-\",\"'\tlead tab\",", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("10.0.0.5,51003,93.184.216.34,443,tcp,plain = text,\"'\rcr\",", lines[4], StringComparison.Ordinal);

        // A row that could not be classified: its error cell is checked too (it starts with "line", so stays plain).
        Assert.StartsWith("not an address,1,10.0.0.2,2,tcp,\"'-2+3\",x,", lines[5], StringComparison.Ordinal);
        Assert.EndsWith(",line 6: src_ip: 'not an address' is not an IP address", lines[5], StringComparison.Ordinal);

        // No cell of any line starts a formula.
        foreach (string line in lines.Where(l => l.Length > 0))
        {
            foreach (string cell in SplitCsv(line))
            {
                Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), "cell <" + cell + "> in " + line);
            }
        }
    }

    [Fact]
    public void WithoutTheOptionEveryValueIsAsWritten()
    {
        string plain = Write(Input, spreadsheetSafe: false);
        Assert.Contains(",=HYPERLINK(\"\"http://x\"\")", plain.Replace("\"=HYPERLINK", "=HYPERLINK", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("'=", plain, StringComparison.Ordinal);
        Assert.Contains(",+1+2,@SUM(A1),", plain, StringComparison.Ordinal);

        // Rows with no formula-like cell are the same either way.
        string clean = "src_ip,src_port,dest_ip,dest_port,transport\n10.0.0.5,51000,93.184.216.34,443,tcp\n";
        Assert.Equal(Write(clean, spreadsheetSafe: false), Write(clean, spreadsheetSafe: true));
    }

    private static string Write(string input, bool spreadsheetSafe)
    {
        var output = new MemoryStream();
        var formatter = new FlowResultFormatter(Classifier.Default);
        using (FlowReader reader = FlowReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(input)), InputFormat.Csv, "in.csv"))
        {
            IReadOnlyList<string> columns = reader.ReadAllColumns();
            using FlowReader rows = FlowReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(input)), InputFormat.Csv, "in.csv");
            using FlowWriter writer = FlowWriter.Create(OutputFormat.Csv, output, formatter, columns, leaveOpen: true, spreadsheetSafe: spreadsheetSafe);
            FlowRecordBinder? binder = null;
            while (rows.Read())
            {
                binder ??= new FlowRecordBinder(rows.Columns);
                if (rows.RowError is not null)
                {
                    writer.WriteError(rows, rows.RowError);
                }
                else if (binder.TryBind(rows.RowData, rows.Cells, out FlowRecord record, out FieldError error))
                {
                    writer.WriteResult(rows, Classifier.Default.Classify(record));
                }
                else
                {
                    writer.WriteError(rows, "line " + rows.LineNumber + ": " + error.Message);
                }
            }
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
