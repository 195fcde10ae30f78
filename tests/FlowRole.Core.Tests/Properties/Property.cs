using System;
using System.Collections.Generic;
using System.Globalization;

namespace FlowRole.Tests.Properties;

/// <summary>
/// A small property-test runner with hand-written generators (FsCheck would need a package reference in this
/// project's file, which the robustness work does not own). Each case draws from its own
/// <see cref="Random"/> seeded by (seed, case number), so a failure names a case that reruns alone; on failure the
/// runner tries the shrinker's simpler candidates and reports the simplest one that still fails.
/// </summary>
internal static class Property
{
    public static void ForAll<T>(int seed, int count, Func<Random, T> generate, Action<T> check, Func<T, IEnumerable<T>>? shrink = null,
        Func<T, string>? show = null)
    {
        for (int i = 0; i < count; i++)
        {
            T value = generate(CaseRandom(seed, i));
            Exception? failure = Run(check, value);
            if (failure is null)
            {
                continue;
            }

            (T simplest, Exception reason) = Shrink(value, failure, check, shrink);
            throw new PropertyException("property failed at seed " + seed.ToString(CultureInfo.InvariantCulture) + ", case " + i.ToString(CultureInfo.InvariantCulture)
                + " (rerun with Property.CaseRandom(" + seed.ToString(CultureInfo.InvariantCulture) + ", " + i.ToString(CultureInfo.InvariantCulture) + ")):\n"
                + (show is null ? simplest?.ToString() : show(simplest)) + "\n" + reason.Message, reason);
        }
    }

    /// <summary>The random source of one case, to rerun it alone.</summary>
    public static Random CaseRandom(int seed, int caseNumber) => new(unchecked((seed * 1_000_003) + caseNumber));

    private static Exception? Run<T>(Action<T> check, T value)
    {
        try
        {
            check(value);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static (T Value, Exception Reason) Shrink<T>(T value, Exception reason, Action<T> check, Func<T, IEnumerable<T>>? shrink)
    {
        if (shrink is null)
        {
            return (value, reason);
        }

        // Greedy: take the first simpler candidate that still fails, until none does (bounded, in case of cycles).
        for (int round = 0; round < 100; round++)
        {
            bool simpler = false;
            foreach (T candidate in shrink(value))
            {
                Exception? failure = Run(check, candidate);
                if (failure is not null)
                {
                    value = candidate;
                    reason = failure;
                    simpler = true;
                    break;
                }
            }

            if (!simpler)
            {
                break;
            }
        }

        return (value, reason);
    }
}
