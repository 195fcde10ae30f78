using System.Linq;
using System.Text;
using Xunit;
using static FlowRole.Cli.Tests.CliRunner;

namespace FlowRole.Cli.Tests;

/// <summary>Classifying on several threads gives exactly the output, errors and exit code of one thread.</summary>
public class ThreadingTests
{
    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public void Many_blocks_with_errors_come_out_in_input_order(string format)
    {
        var sb = new StringBuilder("src_ip,src_port,dest_ip,dest_port,transport,n\n");
        for (int i = 0; i < 9000; i++)
        {
            string port = i % 997 == 0 ? "99999" : (i % 3 == 0 ? "443" : "3389");
            sb.Append("10.0.").Append(i % 250).Append('.').Append(1 + (i % 200)).Append(',').Append(40000 + (i % 20000)).Append(",203.0.113.")
              .Append(1 + (i % 250)).Append(',').Append(port).Append(",tcp,").Append(i).Append('\n');
        }

        string input = sb.ToString();
        CliResult one = RunWithInput(input, "classify", "-f", format, "--threads", "1");
        CliResult four = RunWithInput(input, "classify", "-f", format, "--threads", "4");
        Assert.Equal(3, one.ExitCode);
        Assert.Equal(one.ExitCode, four.ExitCode);
        Assert.Equal(one.Output, four.Output);
        Assert.Equal(one.Error, four.Error);
        Assert.Equal(format == "csv" ? 9001 : 9000, one.OutputLines.Length);
    }

    [Fact]
    public void Samples_come_out_the_same_on_any_number_of_threads()
    {
        foreach (string file in new[] { "flows.csv", "zeek/conn.log", "suricata/eve.json", "windows/tcp-connections.json" })
        {
            foreach (string format in new[] { "csv", "json" })
            {
                CliResult one = Run("classify", "-f", format, "--threads", "1", Sample(file.Split('/')));
                CliResult three = Run("classify", "-f", format, "--threads", "3", Sample(file.Split('/')));
                Assert.Equal(one.Output, three.Output);
                Assert.Equal(one.Error, three.Error);
                Assert.Equal(one.ExitCode, three.ExitCode);
            }
        }
    }

    [Fact]
    public void Fail_on_and_only_suspicious_work_on_threads()
    {
        var sb = new StringBuilder("src_ip,src_port,dest_ip,dest_port,transport\n");
        for (int i = 0; i < 5000; i++)
        {
            sb.Append("10.0.0.5,").Append(40000 + i).Append(",93.184.216.34,443,tcp\n");
        }

        sb.Append("203.0.113.7,51001,10.0.0.5,3389,tcp\n");
        CliResult result = RunWithInput(sb.ToString(), "classify", "--threads", "2", "--only-suspicious", "--fail-on", "high");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("3389", result.CsvRows().Single()["server_port"]);
    }
}
