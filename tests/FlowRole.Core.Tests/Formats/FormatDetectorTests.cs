using System.Text;
using FlowRole.Formats;
using Xunit;

namespace FlowRole.Tests.Formats;

public class FormatDetectorTests
{
    [Theory]
    [InlineData("src_ip,dest_ip\n1,2\n", InputFormat.Csv)]
    [InlineData("\uFEFFsrc_ip,dest_ip\n", InputFormat.Csv)]
    [InlineData("a\tb\tc\n", InputFormat.Tsv)]
    [InlineData("\"a\tb\",c\n", InputFormat.Csv)]
    [InlineData("{\"a\":1}\n", InputFormat.Json)]
    [InlineData("  \n[{\"a\":1}]", InputFormat.Json)]
    [InlineData("\uFEFF{\"a\":1}", InputFormat.Json)]
    [InlineData("#separator \\x09\n#fields\ta\n", InputFormat.Zeek)]
    [InlineData("#fields\ta\tb\n", InputFormat.Zeek)]
    [InlineData("#Version: 1.5\n#Fields: a b\n", InputFormat.WindowsFirewall)]
    [InlineData("#Software: Microsoft Windows Firewall\n", InputFormat.WindowsFirewall)]
    [InlineData("", InputFormat.Csv)]
    public void Detects(string head, InputFormat expected) => Assert.Equal(expected, FormatDetector.Detect(Encoding.UTF8.GetBytes(head)));
}
