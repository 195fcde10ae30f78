using System;
using FlowRole.Splunk.Hosting;
using Xunit;

namespace FlowRole.Splunk.Tests.Hosting;

public sealed class CommandArgumentsTests
{
    [Fact]
    public void Value_is_everything_after_the_first_equals()
    {
        CommandArguments args = CommandArguments.Parse("cmd", ["internal=10.0.0.0/8,fd00::/8", "prefix=a=b"]);
        Assert.Equal("10.0.0.0/8,fd00::/8", args.Take("internal"));
        Assert.Equal("a=b", args.Take("prefix"));
        Assert.Null(args.Take("src"));
        args.ThrowIfUnknown();
    }

    [Theory]
    [InlineData("positional", "unexpected argument 'positional'")]
    [InlineData("=x", "unexpected argument '=x'")]
    public void Positional_arguments_are_refused(string arg, string message)
    {
        CommandArgumentException e = Assert.Throws<CommandArgumentException>(() => CommandArguments.Parse("cmd", [arg]));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_options_and_empty_values_are_refused()
    {
        Assert.Contains("given more than once", Assert.Throws<CommandArgumentException>(() => CommandArguments.Parse("cmd", ["a=1", "a=2"])).Message, StringComparison.Ordinal);
        CommandArguments args = CommandArguments.Parse("cmd", ["a="]);
        Assert.Contains("option 'a' has an empty value", Assert.Throws<CommandArgumentException>(() => args.Take("a")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("T", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("f", false)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    public void Booleans_use_splunk_spellings(string text, bool expected) =>
        Assert.Equal(expected, CommandArguments.Parse("cmd", ["b=" + text]).TakeBoolean("b", !expected));

    [Fact]
    public void Bad_boolean_and_bad_field_name_are_named()
    {
        Assert.Contains("option 'b' must be true or false, got 'maybe'",
            Assert.Throws<CommandArgumentException>(() => CommandArguments.Parse("cmd", ["b=maybe"]).TakeBoolean("b", false)).Message, StringComparison.Ordinal);
        Assert.Contains("must name one field",
            Assert.Throws<CommandArgumentException>(() => CommandArguments.Parse("cmd", ["src=a,b"]).TakeField("src")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_option_lists_the_valid_ones()
    {
        CommandArguments args = CommandArguments.Parse("cmd", ["srcport=x"]);
        args.Take("src_port");
        args.Take("dest_port");
        CommandArgumentException e = Assert.Throws<CommandArgumentException>(args.ThrowIfUnknown);
        Assert.Equal("cmd: unknown option 'srcport'; valid options are dest_port, src_port", e.Message);
    }
}
