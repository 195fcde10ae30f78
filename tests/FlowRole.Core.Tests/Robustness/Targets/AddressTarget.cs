using System;
using FlowRole.Addresses;

namespace FlowRole.Fuzzing;

/// <summary>
/// IP address, CIDR block and network-list parsing. Invariants: no exception; the UTF-8 and UTF-16 entry points
/// agree; a failure always says why; an accepted value formats to text that parses back to the same value, and
/// formatting is canonical (a fixpoint); a block contains its own base address.
/// </summary>
internal static class AddressTarget
{
    public static void Run(byte[] data)
    {
        ReadOnlySpan<byte> utf8 = data;
        char[] chars = FuzzInput.Widen(utf8);
        Address(utf8, chars);
        Network(utf8, chars);
        List(chars);
    }

    private static void Address(ReadOnlySpan<byte> utf8, char[] chars)
    {
        bool byUtf8 = IpAddress.TryParse(utf8, out IpAddress fromBytes, out string? bytesError);
        bool byChars = IpAddress.TryParse(chars, out IpAddress fromChars, out string? charsError);
        InvariantException.Check(byUtf8 == byChars, "IpAddress: UTF-8 and char parsers disagree on acceptance");
        InvariantException.Check(byUtf8 == IpAddress.TryParse(utf8, out _), "IpAddress: TryParse with and without error disagree");
        if (!byUtf8)
        {
            InvariantException.Check(!string.IsNullOrEmpty(bytesError) && !string.IsNullOrEmpty(charsError), "IpAddress: a rejection without a reason");
            try
            {
                IpAddress.Parse(new string(chars));
                throw new InvariantException("IpAddress.Parse accepted text TryParse rejected");
            }
            catch (FormatException)
            {
            }

            return;
        }

        InvariantException.Check(fromBytes == fromChars, "IpAddress: UTF-8 and char parsers read different addresses");
        InvariantException.Check(bytesError is null, "IpAddress: an error on success");
        string text = fromBytes.ToString();
        InvariantException.Check(IpAddress.TryParse(text.AsSpan(), out IpAddress again) && again == fromBytes,
            "IpAddress: '" + text + "' does not parse back to the same address");
        InvariantException.Check(again.ToString() == text, "IpAddress: formatting is not canonical for '" + text + "'");

        Span<byte> formatted = stackalloc byte[64];
        InvariantException.Check(fromBytes.TryFormat(formatted, out int written) && formatted.Slice(0, written).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(text)),
            "IpAddress: UTF-8 and string formatting differ for '" + text + "'");
        InvariantException.Check(fromBytes.IsIPv4 != fromBytes.IsIPv6, "IpAddress: accepted text is neither IPv4 nor IPv6");
        _ = AddressScopes.Classify(fromBytes);
    }

    private static void Network(ReadOnlySpan<byte> utf8, char[] chars)
    {
        bool byUtf8 = IpNetwork.TryParse(utf8, out IpNetwork fromBytes);
        bool byChars = IpNetwork.TryParse(chars, out IpNetwork fromChars, out string? error);
        InvariantException.Check(byUtf8 == byChars, "IpNetwork: UTF-8 and char parsers disagree on acceptance");
        if (!byUtf8)
        {
            InvariantException.Check(!string.IsNullOrEmpty(error), "IpNetwork: a rejection without a reason");
            return;
        }

        InvariantException.Check(fromBytes == fromChars, "IpNetwork: UTF-8 and char parsers read different blocks");
        string text = fromBytes.ToString();
        InvariantException.Check(IpNetwork.TryParse(text.AsSpan(), out IpNetwork again) && again == fromBytes,
            "IpNetwork: '" + text + "' does not parse back to the same block");
        InvariantException.Check(again.ToString() == text, "IpNetwork: formatting is not canonical for '" + text + "'");
        InvariantException.Check(fromBytes.Contains(fromBytes.BaseAddress), "IpNetwork: '" + text + "' does not contain its base address");
    }

    private static void List(char[] chars)
    {
        if (!NetworkSet.TryParse(chars, out NetworkSet? set, out string? error))
        {
            InvariantException.Check(set is null && !string.IsNullOrEmpty(error), "NetworkSet: a rejection without a reason");
            return;
        }

        InvariantException.Check(set is not null && error is null, "NetworkSet: success without a set");

        // Every listed block is in the set, and the set's text reads back as the same set.
        string[] items = new string(chars).Trim().Length == 0 ? [] : new string(chars).Split(',');
        foreach (string item in items)
        {
            InvariantException.Check(IpNetwork.TryParse(item.Trim().AsSpan(), out IpNetwork network) && set!.Contains(network.BaseAddress),
                "NetworkSet: item '" + item + "' is not in the parsed set");
        }

        string text = set!.ToString();
        InvariantException.Check(NetworkSet.TryParse(text.AsSpan(), out NetworkSet? again, out _) && again!.ToString() == text,
            "NetworkSet: '" + text + "' does not read back as the same set");
    }
}
