using System;
using FlowRole.Addresses;
using FlowRole.Flows;
using FlowRole.Policy;

namespace FlowRole.Fuzzing;

/// <summary>
/// The policy loader. Invariants: the only failure is <see cref="PolicyException"/> carrying at least one error, each
/// with a source and a message; an accepted policy renders (<see cref="PortPolicy.ToJson"/>) to a file that loads back
/// to the same rendering, and classifies flows without failing.
/// </summary>
internal static class PolicyTarget
{
    public static void Run(byte[] data)
    {
        PortPolicy policy;
        try
        {
            policy = PortPolicy.Parse(data, "fuzz.json");
        }
        catch (PolicyException e)
        {
            InvariantException.Check(e.Errors.Count > 0, "PolicyException without errors");
            foreach (PolicyError error in e.Errors)
            {
                InvariantException.Check(error.Source == "fuzz.json" && error.Message.Length > 0, "a policy error without a source or message: " + error);
            }

            return;
        }

        string json = policy.ToJson();
        PortPolicy again;
        try
        {
            again = PortPolicy.Parse(json, "rendered.json");
        }
        catch (PolicyException e)
        {
            throw new InvariantException("the rendering of an accepted policy does not load: " + e.Message, e);
        }

        InvariantException.Check(again.ToJson() == json, "the rendering of an accepted policy is not a fixpoint");
        InvariantException.Check(again.Rules.Count == policy.Rules.Count && again.Threshold == policy.Threshold,
            "the rendering of an accepted policy lost rules or its threshold");

        var classifier = new Classifier(new ClassifierOptions { Policy = policy });
        ushort[] ports = [0, 22, 445, 3389, 4444, 50000, 65535];
        IpAddress[] addresses = [IpAddress.FromIPv4(0x0A000005), IpAddress.FromIPv4(0xCB007105), IpAddress.FromIPv6(0x20010DB800000000, 1)];
        foreach (IpAddress source in addresses)
        {
            foreach (ushort port in ports)
            {
                var record = new FlowRecord(source, 50123, addresses[(port + 1) % addresses.Length], port, port % 2 == 0 ? Transport.Tcp : Transport.Udp);
                FlowResult result = classifier.Classify(record);
                InvariantException.Check(result.Suspicious == policy.IsSuspicious(result.Verdict), "Suspicious disagrees with the policy threshold");
            }
        }
    }
}
