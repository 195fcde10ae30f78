using FlowRole.Tests;
using Xunit;

namespace FlowRole.Cli.Tests;

/// <summary>
/// The shipped linux-x64 tool is a NativeAOT executable (trimmed, no JIT): every command must behave exactly as the
/// in-process build does, byte for byte, on every bundled sample. Trimming or AOT-only differences (reflection,
/// culture data, JSON metadata) would show here first.
/// </summary>
public class NativeExecutableTests
{
    private static string Binary => NativeExecutable.Get("FlowRole.Cli", "flowrole", "FLOWROLE_CLI_BINARY");

    public static TheoryData<string[]> Commands()
    {
        var data = new TheoryData<string[]>();
        foreach (string sample in new[] { "flows.csv", "zeek/conn.log", "zeek/conn.json", "suricata/eve.json", "windows/pfirewall.log", "windows/sysmon-network.csv", "windows/tcp-connections.json" })
        {
            string path = CliRunner.Sample(sample.Split('/'));
            data.Add(["classify", path, "--format", "csv"]);
            data.Add(["classify", path, "--format", "json"]);
        }

        string flows = CliRunner.Sample("flows.csv");
        data.Add(["classify", flows, "--format", "table"]);
        data.Add(["classify", flows, "--learn", "--only-suspicious", "--policy", CliRunner.Sample("policies", "example.json")]);
        data.Add(["classify", flows, "--internal", "192.168.0.0/16", "--listeners", CliRunner.Sample("listeners.txt"), "--csv-safe"]);
        data.Add(["classify", "--text", CliRunner.Sample("alerts.txt")]);
        data.Add(["explain", "10.0.0.5:53210 -> 203.0.113.7:3389 tcp"]);
        data.Add(["port", "3389"]);
        data.Add(["port", "rdp"]);
        data.Add(["policy", "show"]);
        data.Add(["policy", "show", "--format", "table"]);
        data.Add(["policy", "validate", CliRunner.Sample("policies", "example.json"), CliRunner.Sample("policies", "standalone.json")]);
        data.Add(["classify", "--nope"]);
        data.Add(["--help"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Native_tool_matches_the_in_process_build(string[] args)
    {
        CliResult expected = CliRunner.Run(args);
        (int code, string output, string error) = Start(null, args);
        Assert.Equal(expected.Output, output);
        Assert.Equal(expected.Error, error);
        Assert.Equal(expected.ExitCode, code);
    }

    [Fact]
    public void Native_tool_reads_standard_input_and_reports_bad_rows_in_place()
    {
        const string input = "src_ip,src_port,dest_ip,dest_port\n10.0.0.1,51000,10.0.0.2,443\n10.0.0.1,1,10.0.0.2,99999\n10.0.0.3,51001,8.8.8.8,53\n";
        CliResult expected = CliRunner.RunWithInput(input, "classify", "-");
        (int code, string output, string error) = Start(input, "classify", "-");
        Assert.Equal(3, code);
        Assert.Equal(expected.Output, output);
        Assert.Equal(expected.Error, error);
        Assert.Contains("flowrole: -:3: dest_port: '99999' is not a port (0-65535)", error);
        Assert.Equal(4, output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static (int Code, string Output, string Error) Start(string? stdin, params string[] args) => CliProcess.Run(Binary, args, stdin);
}
