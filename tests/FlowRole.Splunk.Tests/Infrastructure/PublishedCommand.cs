using FlowRole.Tests;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>
/// The NativeAOT linux-x64 executable, as splunkd would run it (published once per source state, see
/// <see cref="NativeExecutable"/>), or taken from <c>FLOWROLE_SPLUNK_BINARY</c> when a build step already published it.
/// </summary>
internal static class PublishedCommand
{
    public static string Path => NativeExecutable.Get("FlowRole.Splunk", "flowrole_splunk", "FLOWROLE_SPLUNK_BINARY");
}
