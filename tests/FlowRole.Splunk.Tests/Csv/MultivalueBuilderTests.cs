using System.Text;
using FlowRole.Splunk.Csv;
using Xunit;

namespace FlowRole.Splunk.Tests.Csv;

public sealed class MultivalueBuilderTests
{
    [Fact]
    public void Encodes_like_splunkd_with_dollars_doubled()
    {
        var builder = new MultivalueBuilder();
        builder.Add("T1021"u8);
        Assert.Equal("T1021", Encoding.UTF8.GetString(builder.Joined));
        Assert.True(builder.Encoded.IsEmpty);

        builder.Add("a$b"u8);
        builder.Add(""u8);
        Assert.Equal(3, builder.Count);
        Assert.Equal("T1021\na$b\n", Encoding.UTF8.GetString(builder.Joined));
        Assert.Equal("$T1021$;$a$$b$;$$", Encoding.UTF8.GetString(builder.Encoded));
        Assert.Equal(3, MultivalueBuilder.CountEncoded(builder.Encoded));

        builder.Clear();
        Assert.Equal(0, builder.Count);
        Assert.True(builder.Joined.IsEmpty);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("$a$", 1)]
    [InlineData("$a$;$b$", 2)]
    [InlineData("$$$$", 1)]
    [InlineData("$a$$;$$b$", 1)]
    [InlineData("$$;$$;$$", 3)]
    public void Counts_encoded_items(string encoded, int count) =>
        Assert.Equal(count, MultivalueBuilder.CountEncoded(Encoding.UTF8.GetBytes(encoded)));
}
