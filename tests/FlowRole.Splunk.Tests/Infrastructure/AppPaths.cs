using System.IO;
using FlowRole.Tests;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>The Splunk app folder in the repository.</summary>
internal static class AppPaths
{
    public static string App => TestPaths.InRepo("splunk-app", "flowrole");

    public static string Default(string file) => Path.Combine(App, "default", file);

    public static SplunkConf Conf(string file) => SplunkConf.Load(Default(file));
}
