using System.Collections.Generic;
using FlowRole.Policy;
using Xunit;

namespace FlowRole.Tests.Policy;

/// <summary>RuleMask hash codes spread the rule sets a stream has (front ends key caches by their top bits).</summary>
public class RuleMaskHashTests
{
    [Fact]
    public void Sets_of_low_rules_spread_over_the_top_bits()
    {
        // Every set of up to two rules among the first 32 (the default policy's rules all sit in the first word).
        var sets = new List<RuleMask>();
        for (int i = 0; i < 32; i++)
        {
            sets.Add(RuleMask.Single(i));
            for (int j = i + 1; j < 32; j++)
            {
                sets.Add(RuleMask.Single(i) | RuleMask.Single(j));
            }
        }

        var codes = new HashSet<int>();
        var topBytes = new HashSet<int>();
        foreach (RuleMask set in sets)
        {
            codes.Add(set.GetHashCode());
            topBytes.Add((int)((uint)set.GetHashCode() >> 24));
        }

        Assert.Equal(sets.Count, codes.Count);

        // 528 sets into 256 buckets: a spread hash fills most of them (one that ignored the first word's low half
        // would put every set in one bucket).
        Assert.True(topBytes.Count > 200, topBytes.Count + " of 256 top-byte buckets used by " + sets.Count + " rule sets");
    }
}
