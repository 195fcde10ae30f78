using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics.X86;
using FlowRole.Splunk.Commands;
using FlowRole.Splunk.Hosting;
using FlowRole.Splunk.Tests.Infrastructure;
using FlowRole.SplunkPackager;
using FlowRole.Tests;
using Xunit;

namespace FlowRole.Splunk.Tests.EndToEnd;

/// <summary>
/// The Linux app ships the command for x86-64-v2 and for x86-64-v3; the baseline build hands over to the v3 build on
/// CPUs that have it. Installed as a pair, the commands must answer exactly as the baseline build alone does.
/// </summary>
public sealed class InstructionSetVariantTests
{
    private static string VariantBuild => NativeExecutable.Get("FlowRole.Splunk", "flowrole_splunk", "FLOWROLE_SPLUNK_V3_BINARY", "IlcInstructionSet=x86-64-v3");

    [Fact]
    public void Packager_ships_the_variant_under_the_name_the_command_looks_for()
    {
        Assert.Equal(InstructionSetVariant.FileName, SplunkPackage.VariantFileName);
        string folder = Directory.CreateTempSubdirectory("flowrole-variant-").FullName;
        try
        {
            string linux = Path.Combine(folder, "linux"), variant = Path.Combine(folder, "v3");
            File.WriteAllText(linux, "baseline");
            File.WriteAllText(variant, "v3 build");
            List<PackageFile> files = SplunkPackage.Layout(AppPaths.App, "1.0.0", linux, null, variant);
            PackageFile shipped = Assert.Single(files, f => f.Path == "flowrole/linux_x86_64/bin/" + InstructionSetVariant.FileName);
            Assert.True(shipped.Executable);
            Assert.Equal("v3 build", System.Text.Encoding.UTF8.GetString(shipped.Content));
            Assert.Equal(["flowrole", "flowrole.x86-64-v3", "portinfo"],
                files.Where(f => f.Path.StartsWith("flowrole/linux_x86_64/bin/", StringComparison.Ordinal)).Select(f => Path.GetFileName(f.Path)).Order(StringComparer.Ordinal));
            Assert.Throws<ArgumentException>(() => SplunkPackage.Layout(AppPaths.App, "1.0.0", null, linux, variant));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Cpu_check_agrees_with_the_runtimes_own_detection()
    {
        // Under the JIT the IsSupported properties are the runtime's CPUID and XGETBV answers: an independent oracle
        // (.NET has no MOVBE or F16C class; every CPU with AVX2 and BMI2 has both).
        bool expected = RuntimeHelpersIsX64() && Avx2.IsSupported && Bmi1.IsSupported && Bmi2.IsSupported && Fma.IsSupported && Lzcnt.IsSupported
            && Avx.IsSupported;
        Assert.Equal(expected, InstructionSetVariant.CpuRunsX8664V3());
    }

    [LinuxX64Fact]
    public void Installed_pair_hands_over_to_the_v3_build_where_the_cpu_allows_and_answers_the_same()
    {
        string folder = Directory.CreateTempSubdirectory("flowrole-pair-").FullName;
        try
        {
            string command = Path.Combine(folder, "flowrole");
            File.Copy(PublishedCommand.Path, command);
            File.Copy(VariantBuild, Path.Combine(folder, InstructionSetVariant.FileName));

            string level = InstructionSetVariant.CpuRunsX8664V3() ? "(x86-64-v3)" : "(x86-64-v2)";
            Assert.EndsWith(level, Version(command, baselineOnly: false), StringComparison.Ordinal);
            Assert.EndsWith("(x86-64-v2)", Version(command, baselineOnly: true), StringComparison.Ordinal);
            Assert.EndsWith("(x86-64-v2)", Version(PublishedCommand.Path, baselineOnly: false), StringComparison.Ordinal);

            foreach (string name in Recording.Streams)
            {
                byte[] input = Recording.Load(name).WithArgs();
                foreach (string commandName in new[] { FlowRoleCommand.CommandName, PortInfoCommand.CommandName })
                {
                    (int code, byte[] output, string errors) = CommandProcess.Run(command, input, "--command=" + commandName);
                    (int baselineCode, byte[] baseline, string baselineErrors) = CommandProcess.Run(PublishedCommand.Path, input, "--command=" + commandName);
                    Assert.Equal(baselineCode, code);
                    Assert.Equal(baselineErrors, errors);
                    Assert.True(baseline.AsSpan().SequenceEqual(output), name + " | " + commandName + ": the pair's output differs from the baseline build's");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool RuntimeHelpersIsX64() => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64;

    private static string Version(string executable, bool baselineOnly)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("--version");
        if (baselineOnly)
        {
            start.Environment[InstructionSetVariant.DisableVariable] = "1";
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
