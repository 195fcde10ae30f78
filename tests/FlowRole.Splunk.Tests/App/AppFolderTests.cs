using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FlowRole.Policy;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Tests.Infrastructure;
using FlowRole.SplunkPackager;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.Splunk.Tests.App;

/// <summary>The Splunk app folder: every conf parses, and the pieces agree with each other and with the code.</summary>
public sealed class AppFolderTests
{
    /// <summary>The public commands (the hidden pass-through is not in commands.conf).</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> CommandOptions = new()
    {
        [FlowRoleCommand.CommandName] = FlowRoleOptions.OptionNames,
        [PortInfoCommand.CommandName] = PortInfoCommand.OptionNames,
    };

    private const string MacroCall = "`([A-Za-z0-9_]+)(?:\\([^`]*\\))?`";

    public static TheoryData<string> ConfFiles =>
        new(Directory.GetFiles(Path.Combine(AppPaths.App, "default"), "*.conf").Concat(Directory.GetFiles(Path.Combine(AppPaths.App, "metadata"), "*.meta"))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ConfFiles))]
    public void Every_conf_file_parses(string file)
    {
        string path = file.EndsWith(".meta", StringComparison.Ordinal) ? Path.Combine(AppPaths.App, "metadata", file) : AppPaths.Default(file);
        SplunkConf conf = SplunkConf.Load(path);
        Assert.NotEmpty(conf.Stanzas);
    }

    [Fact]
    public void Conf_files_are_the_expected_set_and_none_is_forbidden()
    {
        string[] files = Directory.GetFiles(Path.Combine(AppPaths.App, "default"), "*.conf").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["app.conf", "commands.conf", "distsearch.conf", "macros.conf", "savedsearches.conf", "searchbnf.conf", "transforms.conf"], files);
        Assert.False(Directory.Exists(Path.Combine(AppPaths.App, "local")), "an app must not ship local/");
        Assert.False(File.Exists(Path.Combine(AppPaths.App, "metadata", "local.meta")));
    }

    [Fact]
    public void Commands_conf_uses_only_keys_appinspect_allows_for_chunked_commands()
    {
        var allowed = new Regex(@"^(filename|chunked|is_risky|maxchunksize|maxwait|python\.version|command\.arg\.\d+)$");
        SplunkConf commands = AppPaths.Conf("commands.conf");
        Assert.Equal(CommandOptions.Keys.Order(StringComparer.Ordinal), commands.Stanzas.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, Dictionary<string, string> keys) in commands.Stanzas)
        {
            Assert.Equal("true", keys["chunked"]);
            Assert.All(keys.Keys, key => Assert.Matches(allowed, key));
            Assert.False(keys.ContainsKey("filename"), "no filename: splunkd finds <name> and <name>.exe per platform");
            Assert.Equal("--command=" + name, keys["command.arg.1"]);
            Assert.True(CommandCatalog.All.ContainsKey(name));
            Assert.Matches("^[a-z0-9]+$", name);
        }
    }

    [Fact]
    public void Every_command_stanza_finds_its_executable_on_every_platform()
    {
        string folder = Directory.CreateTempSubdirectory("flowrole-layout-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "linux"), [0x7F, (byte)'E', (byte)'L', (byte)'F']);
            File.WriteAllBytes(Path.Combine(folder, "win.exe"), [(byte)'M', (byte)'Z']);
            List<PackageFile> files = SplunkPackage.Layout(AppPaths.App, "9.9.9", Path.Combine(folder, "linux"), Path.Combine(folder, "win.exe"));
            foreach (string command in AppPaths.Conf("commands.conf").Stanzas.Keys)
            {
                // splunkd's search for a chunked command without filename: <app>/<PLATFORM>/bin/<stanza>[.exe]
                PackageFile linux = Assert.Single(files, f => f.Path == "flowrole/linux_x86_64/bin/" + command);
                PackageFile windows = Assert.Single(files, f => f.Path == "flowrole/windows_x86_64/bin/" + command + ".exe");
                Assert.True(linux.Executable);
                Assert.True(windows.Executable);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Searchbnf_documents_every_command_and_every_option()
    {
        SplunkConf bnf = AppPaths.Conf("searchbnf.conf");
        foreach ((string command, IReadOnlyList<string> options) in CommandOptions)
        {
            Dictionary<string, string> stanza = bnf[command + "-command"];
            foreach (string key in new[] { "syntax", "shortdesc", "description", "usage", "example1", "comment1" })
            {
                Assert.False(string.IsNullOrWhiteSpace(stanza.GetValueOrDefault(key)), command + "-command lacks " + key);
            }

            Assert.StartsWith(command + " ", stanza["syntax"], StringComparison.Ordinal);
            Assert.Equal("public", stanza["usage"]);
            Assert.All(stanza.Where(k => k.Key.StartsWith("example", StringComparison.Ordinal)), e => Assert.Contains(command, e.Value, StringComparison.Ordinal));
            foreach (string option in options)
            {
                Dictionary<string, string> documented = bnf[command + "-" + option + "-option"];
                Assert.StartsWith(option + "=", documented["syntax"], StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(documented.GetValueOrDefault("description")));
                Assert.Contains("<" + command + "-" + option + "-option>", bnf[command + "-option"]["syntax"], StringComparison.Ordinal);
            }

            // No documented option the command would refuse.
            string[] documentedOptions = bnf.Stanzas.Keys.Where(k => k.StartsWith(command + "-", StringComparison.Ordinal) && k.EndsWith("-option", StringComparison.Ordinal) && k != command + "-option")
                .Select(k => k[(command.Length + 1)..^"-option".Length]).ToArray();
            Assert.Equal(options.Order(StringComparer.Ordinal), documentedOptions.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void App_conf_matches_the_folder_and_the_product_version()
    {
        SplunkConf app = AppPaths.Conf("app.conf");
        string version = SplunkPackage.ReadVersion(TestPaths.RepoRoot);
        Assert.Equal("flowrole", app["package"]["id"]);
        Assert.Equal("flowrole", app["id"]["name"]);
        Assert.Equal(Path.GetFileName(AppPaths.App), app["package"]["id"]);
        Assert.Equal(version, app["launcher"]["version"]);
        Assert.Equal(version, app["id"]["version"]);
        Assert.InRange(app["ui"]["label"].Length, 5, 80);
        Assert.Matches(@"^\d+$", app["install"]["build"]);
    }

    [Fact]
    public void Default_meta_exports_the_commands_system_wide()
    {
        SplunkConf meta = SplunkConf.Load(Path.Combine(AppPaths.App, "metadata", "default.meta"));
        Assert.Equal("system", meta["commands"]["export"]);
        Assert.Equal("system", meta["searchbnf"]["export"]);
        Assert.Equal("system", meta["transforms/flowrole_ports"]["export"]);
        Assert.Contains("read : [ * ]", meta[""]["access"], StringComparison.Ordinal);
    }

    [Fact]
    public void Port_lookup_is_declared_and_its_file_has_the_key_columns()
    {
        Dictionary<string, string> lookup = AppPaths.Conf("transforms.conf")["flowrole_ports"];
        string csv = Path.Combine(AppPaths.App, "lookups", lookup["filename"]);
        Assert.True(File.Exists(csv), csv + " (generated by the ports generator) is missing");
        using var reader = new StreamReader(csv);
        string[] header = reader.ReadLine()!.Split(',');
        Assert.Contains("port", header);
        Assert.Contains("transport", header);
        Assert.Contains("service", header);
    }

    [Fact]
    public void Sample_policy_loads_in_core()
    {
        string path = Path.Combine(AppPaths.App, "lookups", "flowrole_sample_policy.json");
        PortPolicy policy = PortPolicy.Load(path);
        Assert.NotNull(policy.FindRule("LOCAL-PRINT-OUTBOUND"));
        Assert.Null(policy.FindRule("FR-BOTH-PORTS-DYNAMIC"));
        Assert.False(policy.InternalNetworks.IsEmpty);
    }

    [Fact]
    public void Searches_use_only_macros_the_app_defines_and_ship_disabled()
    {
        SplunkConf macros = AppPaths.Conf("macros.conf");
        SplunkConf saved = AppPaths.Conf("savedsearches.conf");
        string dashboard = File.ReadAllText(Path.Combine(AppPaths.App, "default", "data", "ui", "views", "flowrole_overview.xml"));
        var used = new List<string>();
        foreach ((string name, Dictionary<string, string> keys) in saved.Stanzas)
        {
            Assert.Equal("1", keys["disabled"]);
            Assert.Contains("flowrole_classify", keys["search"], StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(keys.GetValueOrDefault("description")), name);
            if (keys.GetValueOrDefault("enableSched") == "1")
            {
                Assert.Equal(5, keys["cron_schedule"].Split(' ').Length);
            }

            used.AddRange(Regex.Matches(keys["search"], MacroCall).Select(m => m.Groups[1].Value));
        }

        used.AddRange(Regex.Matches(dashboard, MacroCall).Select(m => m.Groups[1].Value));
        Assert.NotEmpty(used);
        Assert.All(used.Distinct(), macro => Assert.True(macros.Stanzas.ContainsKey(macro), "undefined macro " + macro));
        Assert.All(macros.Stanzas.Values, m => Assert.False(string.IsNullOrWhiteSpace(m["definition"])));
        Assert.Contains(saved.Stanzas.Values, s => s["search"].Contains("datamodel=Network_Traffic", StringComparison.Ordinal)
            || macros[Regex.Match(s["search"], MacroCall).Groups[1].Value]["definition"].Contains("datamodel=Network_Traffic", StringComparison.Ordinal));
    }

    [Fact]
    public void Dashboard_and_navigation_are_valid_simple_xml()
    {
        string views = Path.Combine(AppPaths.App, "default", "data", "ui", "views");
        XDocument dashboard = XDocument.Load(Path.Combine(views, "flowrole_overview.xml"));
        Assert.Equal("form", dashboard.Root!.Name.LocalName);
        string[] titles = dashboard.Descendants("title").Select(t => t.Value).ToArray();
        Assert.Contains("Suspicious flows by severity", titles);
        Assert.Contains("Top server ports and services", titles);
        Assert.Contains("Direction (client to server)", titles);
        string[] baseIds = dashboard.Descendants("search").Select(s => (string?)s.Attribute("id")).OfType<string>().ToArray();
        Assert.All(dashboard.Descendants("search").Select(s => (string?)s.Attribute("base")).OfType<string>(), b => Assert.Contains(b, baseIds));

        XDocument nav = XDocument.Load(Path.Combine(AppPaths.App, "default", "data", "ui", "nav", "default.xml"));
        string defaultView = nav.Descendants("view").Single(v => (string?)v.Attribute("default") == "true").Attribute("name")!.Value;
        Assert.True(File.Exists(Path.Combine(views, defaultView + ".xml")));
    }

    [Fact]
    public void Readme_declares_every_binary()
    {
        string readme = File.ReadAllText(Path.Combine(AppPaths.App, "README.md"));
        Assert.Contains("\n# Binary File Declaration\n", readme, StringComparison.Ordinal);
        foreach (string command in AppPaths.Conf("commands.conf").Stanzas.Keys)
        {
            Assert.Contains("linux_x86_64/bin/" + command + "`", readme, StringComparison.Ordinal);
            Assert.Contains("windows_x86_64/bin/" + command + ".exe`", readme, StringComparison.Ordinal);
        }
    }
}
