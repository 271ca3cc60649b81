using System.Text;
using BenchApp.Executors.Agent;

namespace BenchApp.Executors.Tests.Agent;

public class HistoryJsonTests
{
    [Fact]
    public void A_history_round_trips_with_tool_calls_and_results()
    {
        List<ChatMessage> history =
        [
            ChatMessage.User("weather?\n#bench tool_calls=1"),
            ChatMessage.Assistant(null, [new ToolCall("call_1", "get_weather", "{\"city\":\"Lima\"}")]),
            ChatMessage.ToolResult("call_1", "Lima: 21°C, sunny, humidity 40%"),
            ChatMessage.Assistant("It is sunny."),
        ];

        var json = HistoryJson.Serialize(history);
        var back = HistoryJson.Deserialize(json);

        Assert.Equal(history.Count, back.Count);
        for (var i = 0; i < history.Count; i++)
        {
            Assert.Equal(history[i].Role, back[i].Role);
            Assert.Equal(history[i].Content, back[i].Content);
            Assert.Equal(history[i].ToolCallId, back[i].ToolCallId);
            Assert.Equal(history[i].ToolCalls ?? [], back[i].ToolCalls ?? []);
        }
        Assert.Contains("\"tool_call_id\":\"call_1\"", Encoding.UTF8.GetString(json));
    }
}
