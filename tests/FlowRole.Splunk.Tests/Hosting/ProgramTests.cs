using System;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Hosting;
using Xunit;

namespace FlowRole.Splunk.Tests.Hosting;

public sealed class ProgramTests
{
    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "--command=portinfo" }, "portinfo")]
    [InlineData(new[] { "--command=flowrole" }, "flowrole")]
    [InlineData(new[] { "--passthrough" }, "passthrough")]
    public void Command_line_names_the_command(string[] args, string? expected)
    {
        HostOptions options = Program.ParseArguments(args, "/app");
        Assert.Null(options.StartupError);
        Assert.Equal(expected, options.CommandName);
        Assert.Equal("/app", options.AppDirectory);
        Assert.Same(CommandCatalog.All, options.Commands);
    }

    [Theory]
    [InlineData(new[] { "__GETINFO__" }, "unexpected command-line argument '__GETINFO__'")]
    [InlineData(new[] { "--command=nope" }, "unknown command 'nope' in --command (known: flowrole, portinfo, passthrough)")]
    [InlineData(new[] { "--command=flowrole", "extra" }, "unexpected command-line argument 'extra'")]
    public void Bad_command_lines_become_a_getinfo_error(string[] args, string expected)
    {
        HostOptions options = Program.ParseArguments(args, null);
        Assert.StartsWith(expected, options.StartupError, StringComparison.Ordinal);
        Assert.Null(options.CommandName);
    }

    [Theory]
    [InlineData("/opt/splunk/etc/apps/flowrole/linux_x86_64/bin/flowrole", "/opt/splunk/etc/apps/flowrole")]
    [InlineData("/opt/splunk/var/run/searchpeers/sh-1700000000/apps/flowrole/linux_x86_64/bin/portinfo", "/opt/splunk/var/run/searchpeers/sh-1700000000/apps/flowrole")]
    [InlineData("/opt/splunk/etc/apps/flowrole/bin/flowrole", "/opt/splunk/etc/apps/flowrole")]
    [InlineData("/home/dev/artifacts/publish/flowrole_splunk", null)]
    [InlineData("", null)]
    public void App_folder_is_found_from_the_executable_path(string executable, string? app)
    {
        Assert.Equal(app, AppLocator.FindAppDirectory(executable));
    }
}
