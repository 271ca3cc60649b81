using System.Text.Json;
using BenchApp.MockLlm.Scripting;

namespace BenchApp.MockLlm.Tests.Unit;

public sealed class TokenEstimatorTests
{
    [Fact]
    public void Counts_decoded_characters_whatever_the_escaping()
    {
        using var plain = JsonDocument.Parse("\"Zürich\\nis nice\"");
        using var escaped = JsonDocument.Parse("\"Z\\u00fcrich\\u000ais nice\"");
        using var raw = JsonDocument.Parse("\"Zürich is nice\"");
        Assert.Equal(14, TokenEstimator.TextLength(plain.RootElement));
        Assert.Equal(14, TokenEstimator.TextLength(escaped.RootElement));
        Assert.Equal(14, TokenEstimator.TextLength(raw.RootElement));
    }

    [Fact]
    public void Schema_content_ignores_whitespace()
    {
        using var compact = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");
        using var spaced = JsonDocument.Parse("""{ "type": "object", "properties": { "city": { "type": "string" } }, "required": [ "city" ] }""");
        Assert.Equal(TokenEstimator.ContentChars(compact.RootElement), TokenEstimator.ContentChars(spaced.RootElement));
        Assert.True(TokenEstimator.ContentChars(compact.RootElement) > 20);
    }

    [Fact]
    public void Tokens_are_characters_over_four_rounded_up_and_at_least_one()
    {
        Assert.Equal(1, TokenEstimator.FromChars(0));
        Assert.Equal(1, TokenEstimator.FromChars(4));
        Assert.Equal(2, TokenEstimator.FromChars(5));
        Assert.Equal(250, TokenEstimator.FromChars(1000));
    }
}
