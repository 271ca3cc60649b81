// The bench tools, reproducing BenchApp.Contracts.Tools exactly (outputs pinned by contracts/tool-vectors.json).
// Definitions come from contracts/tools.json. Results are text; bad arguments give "error: ..." text that goes
// back to the LLM like any result. Lengths and positions count UTF-16 code units, as in C#.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { formatNumber } from "./numbers.js";
import { dotnetTrim, isBlank } from "./text.js";

export const WEATHER = "get_weather";
export const CALCULATOR = "calculator";
const CONDITIONS = ["sunny", "cloudy", "rainy", "windy", "snowy", "foggy"];
const MAX_DELAY_MS = 10_000;
const MAX_DEPTH = 32;

const ok = (output) => ({ output, isError: false });
const error = (message) => ({ output: `error: ${message}`, isError: true });

// ---- definitions ------------------------------------------------------------------------------

/** BENCHAPP_CONTRACTS_DIR, else the nearest `contracts/` folder above this package (repository or image). */
export function contractsDir(env = process.env) {
  if (env.BENCHAPP_CONTRACTS_DIR) return resolve(env.BENCHAPP_CONTRACTS_DIR);
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "contracts", "tools.json"))) return join(dir, "contracts");
    if (dirname(dir) === dir) break;
  }
  throw new Error("contracts/tools.json not found above @benchapp/executor-common; set BENCHAPP_CONTRACTS_DIR.");
}

let cachedDefinitions;

/** [{name, description, parameters}] of contracts/tools.json, read once. */
export function definitions() {
  if (!cachedDefinitions) {
    const document = JSON.parse(readFileSync(join(contractsDir(), "tools.json"), "utf8"));
    cachedDefinitions = Object.freeze(
      document.tools.map((t) => Object.freeze({ name: t.name, description: t.description, parameters: t.parameters })),
    );
  }
  return cachedDefinitions;
}

export const openAiTools = () =>
  definitions().map((d) => ({ type: "function", function: { name: d.name, description: d.description, parameters: d.parameters } }));

// ---- running ----------------------------------------------------------------------------------

/** {result, delayMs} for arguments as the LLM wrote them (a JSON string), without waiting. */
export function prepare(name, argumentsJson) {
  const text = argumentsJson == null || isBlank(argumentsJson) ? "{}" : argumentsJson;
  let args;
  try {
    args = JSON.parse(text);
  } catch {
    return { result: error("arguments are not valid JSON"), delayMs: 0 };
  }
  return prepareArgs(name, args);
}

/**
 * Like prepare() for arguments a framework already parsed. JSON.parse cannot tell 5.0 from 5, so delay_ms 5.0
 * is taken as 5 here (C# and Python refuse it); no LLM of the benchmark writes it.
 */
export function prepareArgs(name, args) {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    return { result: error("arguments must be a JSON object"), delayMs: 0 };
  }
  let delayMs = 0;
  const delay = args.delay_ms;
  if (delay !== undefined && delay !== null) {
    if (typeof delay !== "number" || !Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_MS) {
      return { result: error("delay_ms must be an integer in [0, 10000]"), delayMs: 0 };
    }
    delayMs = delay;
  }
  let result;
  if (name === WEATHER) result = weather(args);
  else if (name === CALCULATOR) result = calculator(args);
  else result = error(`unknown tool '${name}'`);
  return { result, delayMs: result.isError ? 0 : delayMs };
}

export async function execute(name, argumentsJson, signal) {
  return run(prepare(name, argumentsJson), signal);
}

export async function executeArgs(name, args, signal) {
  return run(prepareArgs(name, args), signal);
}

async function run({ result, delayMs }, signal) {
  if (delayMs > 0) await sleep(delayMs, undefined, { signal });
  return result;
}

function getString(args, property, maxLength) {
  const value = args[property];
  if (typeof value !== "string") return { error: error(`${property} is required and must be a string`) };
  const trimmed = dotnetTrim(value);
  if (trimmed.length < 1 || trimmed.length > maxLength) return { error: error(`${property} must be 1-${maxLength} characters`) };
  return { value: trimmed };
}

// ---- get_weather ------------------------------------------------------------------------------

function weather(args) {
  const city = getString(args, "city", 100);
  if (city.error) return city.error;
  let unit = "celsius";
  if (args.unit !== undefined && args.unit !== null) {
    unit = typeof args.unit === "string" ? args.unit : "";
    if (unit !== "celsius" && unit !== "fahrenheit") return error("unit must be 'celsius' or 'fahrenheit'");
  }
  return ok(describeWeather(city.value, unit));
}

export function describeWeather(city, unit) {
  const h = fnv1a(asciiLower(city));
  const celsius = (h % 51) - 10;
  const condition = CONDITIONS[(h >>> 8) % 6];
  const humidity = 20 + ((h >>> 16) % 71);
  const temperature =
    unit === "fahrenheit" ? `${formatNumber(celsius * 1.8 + 32) ?? "?"}°F` : `${formatNumber(celsius) ?? "?"}°C`;
  return `${city}: ${temperature}, ${condition}, humidity ${humidity}%`;
}

/** Only A-Z are lowered, so the C#, Python and JavaScript hashes agree on any input. */
export const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

/** 32-bit FNV-1a over UTF-8 (a lone surrogate is encoded as U+FFFD, like C#). */
export function fnv1a(s) {
  let h = 2166136261;
  for (const b of Buffer.from(s, "utf8")) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h;
}

// ---- calculator -------------------------------------------------------------------------------

class CalculatorError extends Error {}

function calculator(args) {
  const expression = getString(args, "expression", 200);
  if (expression.error) return expression.error;
  return evaluate(expression.value);
}

export function evaluate(expression) {
  let value;
  try {
    value = new Parser(expression).parseAll();
  } catch (e) {
    if (e instanceof CalculatorError) return error(e.message);
    throw e;
  }
  const text = formatNumber(value);
  return text === null ? error("result is out of range (magnitude 1e15 or more)") : ok(text);
}

/** Recursive descent over UTF-16 code units (positions in errors match C#). */
class Parser {
  constructor(text) {
    this.text = text;
    this.pos = 0;
    this.depth = 0;
  }

  parseAll() {
    const value = this.expression();
    this.skipSpace();
    if (this.pos < this.text.length) throw this.unexpected();
    return value;
  }

  expression() {
    let value = this.term();
    for (;;) {
      this.skipSpace();
      if (this.eat("+")) value += this.term();
      else if (this.eat("-")) value -= this.term();
      else return value;
    }
  }

  term() {
    let value = this.factor();
    for (;;) {
      this.skipSpace();
      if (this.eat("*")) value *= this.factor();
      else if (this.eat("/")) value /= this.divisor();
      else if (this.eat("%")) value %= this.divisor(); // sign of the dividend, like C#'s % and Python's fmod
      else return value;
    }
  }

  divisor() {
    const divisor = this.factor();
    if (divisor === 0) throw new CalculatorError("division by zero");
    return divisor;
  }

  factor() {
    this.skipSpace();
    if (this.eat("-")) return -this.factor();
    if (this.eat("+")) return this.factor();
    if (this.eat("(")) {
      if (++this.depth > MAX_DEPTH) throw new CalculatorError("expression is nested too deeply");
      const value = this.expression();
      this.skipSpace();
      if (!this.eat(")")) throw this.unexpected();
      this.depth--;
      return value;
    }
    return this.number();
  }

  number() {
    const start = this.pos;
    const isDigit = () => this.pos < this.text.length && this.text[this.pos] >= "0" && this.text[this.pos] <= "9";
    while (isDigit()) this.pos++;
    if (this.pos < this.text.length && this.text[this.pos] === ".") {
      this.pos++;
      const fractionStart = this.pos;
      while (isDigit()) this.pos++;
      if (this.pos === fractionStart) throw this.unexpected();
    }
    if (this.pos === start) throw this.unexpected();
    return Number(this.text.slice(start, this.pos));
  }

  skipSpace() {
    while (this.pos < this.text.length && this.text[this.pos] === " ") this.pos++;
  }

  eat(c) {
    if (this.text[this.pos] === c) {
      this.pos++;
      return true;
    }
    return false;
  }

  unexpected() {
    return this.pos < this.text.length
      ? new CalculatorError(`unexpected '${this.text[this.pos]}' at position ${this.pos}`)
      : new CalculatorError("unexpected end of expression");
  }
}
