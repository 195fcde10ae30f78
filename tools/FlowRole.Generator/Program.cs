using System;
using System.Globalization;
using System.IO;
using System.Linq;
using FlowRole.Ports;

namespace FlowRole.Generator;

/// <summary>
/// Regenerates FlowRole's port artefacts from the IANA registry:
/// <c>dotnet run --project tools/FlowRole.Generator -- --iana ../shared/data/iana --out .</c>
/// writes <c>src/FlowRole.Core/Ports/Data/ports.bin</c> and <c>splunk-app/flowrole/lookups/flowrole_ports.csv</c>
/// under the repository given by <c>--out</c>; <c>--check</c> only reports whether they are current.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: FlowRole.Generator --iana <dir> --out <repo> [--check]\n" +
        "  --iana <dir>   folder holding " + PortTableBuilder.RegistryFileName + " (IANA registry as CSV)\n" +
        "  --out <repo>   repository root; writes src/FlowRole.Core/Ports/Data/ports.bin and\n" +
        "                 splunk-app/flowrole/lookups/flowrole_ports.csv under it\n" +
        "  --check        write nothing; exit 1 when either file differs from what the registry gives";

    private static int Main(string[] args)
    {
        string? iana = null, output = null;
        var check = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--iana" when i + 1 < args.Length:
                    iana = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--check":
                    check = true;
                    break;
                case "-h" or "--help" or "-?":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    return Fail("unknown or incomplete argument '" + args[i] + "'\n" + Usage);
            }
        }

        if (iana is null || output is null)
        {
            return Fail("--iana and --out are both required\n" + Usage);
        }

        if (!Directory.Exists(output))
        {
            return Fail("--out: the folder '" + output + "' does not exist");
        }

        PortTableBuilder builder;
        try
        {
            builder = PortTableBuilder.FromIanaDirectory(iana);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail(ex.Message);
        }

        var binary = builder.BuildBinary();
        var payload = builder.BuildPayload();
        var lookup = builder.BuildLookupCsv();
        var binaryPath = PortTableBuilder.BinaryPath(output);
        var lookupPath = PortTableBuilder.LookupPath(output);

        if (check)
        {
            // ports.bin is compared by payload: the deflate bytes may legitimately differ between zlib builds.
            var binaryCurrent = File.Exists(binaryPath) && PayloadEquals(binaryPath, payload);
            var lookupCurrent = File.Exists(lookupPath) && File.ReadAllBytes(lookupPath).AsSpan().SequenceEqual(lookup);
            Console.WriteLine((binaryCurrent ? "current: " : "STALE:   ") + binaryPath);
            Console.WriteLine((lookupCurrent ? "current: " : "STALE:   ") + lookupPath);
            return binaryCurrent && lookupCurrent ? 0 : 1;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(binaryPath)!);
            Directory.CreateDirectory(Path.GetDirectoryName(lookupPath)!);
            File.WriteAllBytes(binaryPath, binary);
            File.WriteAllBytes(lookupPath, lookup);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(ex.Message);
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(inv, "read {0:N0} registry rows; {1:N0} assigned port/transport pairs", builder.RecordCount, builder.AssignedCount));
        Console.WriteLine(string.Format(inv, "wrote {0} ({1:N0} bytes; payload {2:N0} bytes)", binaryPath, binary.Length, payload.Length));
        Console.WriteLine(string.Format(inv, "wrote {0} ({1:N0} bytes, {2:N0} rows)", lookupPath, lookup.Length, lookup.Count(b => b == (byte)'\n') - 1));
        return 0;
    }

    private static bool PayloadEquals(string path, byte[] payload)
    {
        try
        {
            return PortDataFormat.Unpack(File.ReadAllBytes(path), path).AsSpan().SequenceEqual(payload);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("FlowRole.Generator: " + message);
        return 2;
    }
}
