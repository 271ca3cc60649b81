// The sessions behind contracts/framework-requests/node-adk-gemini.json: the executor's real agent against the
// Gemini double, each request named by the fixture case it must equal. Replies are what the mock would answer
// to each directive (ids in the mock's fc_ form), so the fixture's requests also make sense to the real mock.
import { StreamingMode } from "@google/adk";
import { executorAgent } from "./agent.js";
import { functionCall, startGeminiDouble } from "./gemini-double.js";

const WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split(" ");
const text = (n) => [{ text: WORDS.slice(0, n).join(" ") }];

const SESSIONS = [
  {
    id: "fixture-a",
    turns: [
      {
        message: "#bench tool_calls=1 reply_tokens=12 tool=get_weather run=fx-adk-1\nWhat is the weather in Paris?",
        replies: [[functionCall("fc_mockid000000000000000001", "get_weather", { city: "Paris" })], text(12)],
        cases: ["first-turn", "tool-result-turn"],
      },
      { message: "#bench tool_calls=0 reply_tokens=8 run=fx-adk-2\nAnd in one word?", replies: [text(8)], cases: ["continued-session"] },
    ],
  },
  {
    id: "fixture-b",
    turns: [
      {
        message: "#bench tool_calls=2 parallel=2 reply_tokens=12 run=fx-adk-3\nWeather in Paris and 2 + 3 * 4, at once.",
        replies: [
          [
            functionCall("fc_mockid000000000000000002", "get_weather", { city: "Paris" }),
            functionCall("fc_mockid000000000000000003", "calculator", { expression: "2 + 3 * 4" }),
          ],
          text(12),
        ],
        cases: ["parallel-first-turn", "final-after-parallel-results"],
      },
    ],
  },
  {
    id: "fixture-c",
    streamingMode: StreamingMode.SSE,
    turns: [{ message: "#bench tool_calls=0 reply_tokens=8 run=fx-adk-4\nHello, streamed.", replies: [text(8)], cases: ["first-turn-stream"] }],
  },
  {
    id: "fixture-d",
    turns: [{ message: "Hello, who are you?", replies: [text(8)], cases: ["no-directive"] }],
  },
];

/** [{name, path, headers, body}] in the order sent. */
export async function captureFixtureRequests() {
  const replies = SESSIONS.flatMap((s) => s.turns.flatMap((t) => t.replies));
  const names = SESSIONS.flatMap((s) => s.turns.flatMap((t) => t.cases));
  const double = await startGeminiDouble((_body, i) => replies[i]);
  const agent = await executorAgent(double.url);
  try {
    for (const session of SESSIONS) {
      await agent.createSession(session.id);
      for (const turn of session.turns) {
        await agent.turn(session.id, turn.message, { streamingMode: session.streamingMode ?? StreamingMode.NONE });
      }
    }
  } finally {
    await agent.dispose();
    await double.close();
  }
  if (double.requests.length !== names.length) throw new Error(`${double.requests.length} requests, ${names.length} cases`);
  return double.requests.map((r, i) => ({ name: names[i], ...r }));
}
