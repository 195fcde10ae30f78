using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace FlowRole.Splunk.Hosting;

/// <summary>
/// Picks the fastest build the indexer's CPU can run. The linux-x64 executable is compiled for x86-64-v2 (any x86-64
/// server of the last fifteen years), where NativeAOT cannot use AVX2 at all: no 8-lane SHA-1 for Community IDs, no
/// VEX encoding. The app also ships the same command compiled for x86-64-v3 (AVX2, BMI1/2, FMA, LZCNT, MOVBE:
/// Haswell, Zen and later) beside it as <see cref="FileName"/>. At start, before reading a byte of the protocol, the
/// baseline build checks the CPU and, when it can, replaces itself with that build (<c>execv</c>: same process, same
/// pipes and arguments). It costs a couple of milliseconds of start-up and saves about a tenth of the CPU time per
/// record. Anything unusual (no variant file, another OS or CPU, <see cref="DisableVariable"/> set, a failed exec)
/// leaves the baseline build serving, as before.
/// </summary>
internal static class InstructionSetVariant
{
    /// <summary>The x86-64-v3 build's file name, beside the baseline executable.</summary>
    public const string FileName = "flowrole.x86-64-v3";

    /// <summary>Set to any value to keep the baseline build (e.g. to compare the two).</summary>
    public const string DisableVariable = "FLOWROLE_BASELINE_ISA";

    /// <summary>The instruction-set level this code was compiled for (NativeAOT) or runs at (JIT), for <c>--version</c>.</summary>
    public static string Level => Avx2.IsSupported ? "x86-64-v3" : "x86-64-v2";

    /// <summary>Replaces the process with the x86-64-v3 build when that is better; returns only when it is not.</summary>
    public static void ExecIfBetter(string[] args)
    {
        // Avx2.IsSupported is a constant in NativeAOT code: true in the v3 build itself (nothing to do) and false in
        // the baseline build. Under the JIT it is the CPU's answer, and a JIT host is never replaced.
        if (Avx2.IsSupported || RuntimeFeatureIsJit() || !OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64
            || Environment.GetEnvironmentVariable(DisableVariable) is not null || !CpuRunsX8664V3())
        {
            return;
        }

        string? self = Environment.ProcessPath;
        string? folder = self is null ? null : Path.GetDirectoryName(self);
        if (folder is null)
        {
            return;
        }

        string variant = Path.Combine(folder, FileName);
        if (!File.Exists(variant))
        {
            return;
        }

        // argv: the variant's path, then the arguments unchanged. execv returns only when it fails.
        var argv = new IntPtr[args.Length + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(variant);
            for (int i = 0; i < args.Length; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            }

            _ = Execv(argv[0], argv);
        }
        finally
        {
            foreach (IntPtr p in argv)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    /// <summary>
    /// True when CPUID reports every x86-64-v3 feature, the OS uses XSAVE (OSXSAVE) and the processor has the SSE
    /// and AVX register state components (leaf 0xD); Linux enables both components on every such CPU.
    /// </summary>
    internal static bool CpuRunsX8664V3()
    {
        if (!X86Base.IsSupported)
        {
            return false;
        }

        (int _, int _, int ecx1, int _) = X86Base.CpuId(1, 0);
        const int Fma = 1 << 12, Movbe = 1 << 22, OsXsave = 1 << 27, Avx = 1 << 28, F16c = 1 << 29;
        if ((ecx1 & (Fma | Movbe | OsXsave | Avx | F16c)) != (Fma | Movbe | OsXsave | Avx | F16c))
        {
            return false;
        }

        (int maxLeaf, int _, int _, int _) = X86Base.CpuId(0, 0);
        if (maxLeaf < 0xD)
        {
            return false;
        }

        (int _, int ebx7, int _, int _) = X86Base.CpuId(7, 0);
        const int Bmi1 = 1 << 3, Avx2Bit = 1 << 5, Bmi2 = 1 << 8;
        (int _, int _, int ecxExt, int _) = X86Base.CpuId(unchecked((int)0x80000001), 0);
        const int Lzcnt = 1 << 5;

        (int xstate, int _, int _, int _) = X86Base.CpuId(0xD, 0);
        return (ebx7 & (Bmi1 | Avx2Bit | Bmi2)) == (Bmi1 | Avx2Bit | Bmi2) && (ecxExt & Lzcnt) != 0 && (xstate & 0b110) == 0b110;
    }

    // Dynamic code exists only under the JIT (tests host the command in-process there).
    private static bool RuntimeFeatureIsJit() => System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled;

    [DllImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static extern int Execv(IntPtr path, IntPtr[] argv);
}
