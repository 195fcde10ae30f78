using System;
using System.Runtime.InteropServices;
using Xunit;

namespace FlowRole.Splunk.Tests.Infrastructure;

/// <summary>A theory that runs only where the linux-x64 NativeAOT executable can run.</summary>
internal sealed class LinuxX64TheoryAttribute : TheoryAttribute
{
    public LinuxX64TheoryAttribute()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Skip = "The NativeAOT executable is built for linux-x64 and this machine is " + RuntimeInformation.RuntimeIdentifier;
        }
    }
}
