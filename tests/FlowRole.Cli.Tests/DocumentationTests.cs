using System.IO;
using System.Linq;
using FlowRole.Cli.Arguments;
using FlowRole.Cli.Commands;
using FlowRole.Fields;
using Xunit;

namespace FlowRole.Cli.Tests;

/// <summary>docs/cli.md says what --help says: the same option descriptions, summaries, output fields and exit codes.</summary>
public class DocumentationTests
{
    private static readonly string Doc = File.ReadAllText(FlowRole.Tests.TestPaths.InRepo("docs", "cli.md"));

    [Fact]
    public void Every_command_summary_and_option_description_is_documented()
    {
        foreach (Command command in CliApp.Commands)
        {
            Assert.Contains("## `flowrole " + command.Name + "`", Doc);
            Assert.Contains(command.Summary, Doc);
            foreach (OptionSpec option in command.Options)
            {
                string name = (option.ShortName is { } s ? "`-" + s + "`, " : string.Empty) + "`--" + option.Name + (option.ValueName is null ? "`" : " " + option.ValueName + "`");
                Assert.Contains("| " + name + " | " + option.Description + " |", Doc);
            }
        }
    }

    [Fact]
    public void Every_exit_code_and_output_field_is_documented()
    {
        foreach ((int code, string meaning) in ExitCodes.Descriptions)
        {
            Assert.Contains("| " + code + " | " + meaning + " |", Doc);
        }

        foreach (OutputField field in OutputContract.AllFields)
        {
            Assert.Contains("| `" + OutputContract.NameOf(field) + "` | " + OutputContract.Describe(field) + " |", Doc);
        }
    }
}
