using System.Text.RegularExpressions;
using BenchApp.Contracts.MockLlm;
using BenchApp.LoadDriver.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BenchApp.LoadDriver.Configuration;

/// <summary>
/// Reads <c>benchmark-config.yaml</c> into a <see cref="BenchmarkConfig"/>. Every problem is reported at
/// once, each with its file, line, column and key, so a user fixes the file in one pass.
/// </summary>
public static partial class ConfigLoader
{
    public const string DefaultFileName = "benchmark-config.yaml";

    public static BenchmarkConfig LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"--config: file '{path}' not found.");
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    public static BenchmarkConfig Parse(string yaml, string source = DefaultFileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{source}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {Inner(e).Message}");
        }
        if (stream.Documents.Count == 0) return new BenchmarkConfig();
        if (stream.Documents.Count > 1) throw new ConfigException($"{source}: holds {stream.Documents.Count} YAML documents; one is expected.");

        var reader = new YamlNodeReader(source);
        var config = Read(reader, stream.Documents[0].RootNode);
        if (reader.Errors.Count > 0) throw new ConfigException(reader.Errors.OrderBy(LineOf).ToList());
        return config!;
    }

    // Errors read "file:LINE:COL: ..."; report them top to bottom.
    private static int LineOf(string error) =>
        error.Split(':') is { Length: > 2 } parts && int.TryParse(parts[1], out var line) ? line : 0;

    private static Exception Inner(Exception e) => e.InnerException is YamlException inner ? Inner(inner) : e;

    private static readonly string[] RootKeys = ["scenarios", "llm", "executors", "sweep", "growth", "driver", "quick", "compare", "thresholds", "seed", "error_recovery", "crash_recovery", "cold_start", "end_to_end", "dependency_fault", "soak"];

    private static BenchmarkConfig? Read(YamlNodeReader r, YamlNode root)
    {
        if (root is YamlScalarNode { Value: "" or "~" or "null" }) return new BenchmarkConfig();
        var map = r.Mapping(root, "", RootKeys);
        if (map is null) return null;

        var config = new BenchmarkConfig();
        if (map.TryGetValue("scenarios", out var scenarios)) config = config with { Scenarios = ReadScenarios(r, scenarios) };
        if (map.TryGetValue("llm", out var llm)) config = config with { Llm = ReadLlm(r, llm) };
        if (map.TryGetValue("executors", out var executors)) config = config with { Executors = ReadExecutors(r, executors) };
        if (map.TryGetValue("sweep", out var sweep)) config = config with { Sweep = ReadSweep(r, sweep) };
        if (map.TryGetValue("growth", out var growth)) config = config with { Growth = ReadGrowth(r, growth) };
        if (map.TryGetValue("driver", out var driver)) config = config with { Driver = ReadDriver(r, driver) };
        if (map.TryGetValue("quick", out var quick)) config = config with { Quick = ReadQuick(r, quick) };
        if (map.TryGetValue("compare", out var compare)) config = config with { Compare = ReadCompare(r, compare) };
        if (map.TryGetValue("thresholds", out var thresholds)) config = config with { Thresholds = ReadThresholds(r, thresholds) };
        if (map.TryGetValue("error_recovery", out var errorRecovery)) config = config with { ErrorRecovery = ReadErrorRecovery(r, errorRecovery) };
        if (map.TryGetValue("crash_recovery", out var crashRecovery)) config = config with { CrashRecovery = ReadCrashRecovery(r, crashRecovery) };
        if (map.TryGetValue("cold_start", out var coldStart)) config = config with { ColdStart = ReadColdStart(r, coldStart) };
        if (map.TryGetValue("end_to_end", out var endToEnd)) config = config with { EndToEnd = ReadEndToEnd(r, endToEnd) };
        if (map.TryGetValue("dependency_fault", out var dependencyFault)) config = config with { DependencyFault = ReadDependencyFault(r, dependencyFault) };
        if (map.TryGetValue("soak", out var soak)) config = config with { Soak = ReadSoak(r, soak) };
        if (map.TryGetValue("seed", out var seed) && r.Long(seed, "seed") is { } s) config = config with { Seed = s };

        if (map.TryGetValue("sweep", out var sweepNode) && !ScenarioCatalog.IsKnown(config.Sweep.Scenario))
            r.Error(sweepNode, "sweep.scenario", $"unknown scenario '{config.Sweep.Scenario}' (known: {string.Join(", ", ScenarioCatalog.Names)}).");
        foreach (var scenario in config.Scenarios)
            if (scenario.Latency is { } profile && !config.Llm.Mock.Profiles.ContainsKey(profile))
                r.Error(map.TryGetValue("scenarios", out var n) ? n : root, $"scenarios.{scenario.Name}.latency",
                    $"unknown latency profile '{profile}' (known: {string.Join(", ", config.Llm.Mock.Profiles.Keys)}).");
        if (map.TryGetValue("end_to_end", out var e2eNode) && !config.Llm.Mock.Profiles.ContainsKey(config.EndToEnd.Latency))
            r.Error(e2eNode, "end_to_end.latency", $"unknown latency profile '{config.EndToEnd.Latency}' (known: {string.Join(", ", config.Llm.Mock.Profiles.Keys)}).");
        return config;
    }

    private static readonly string[] ScenarioKeys =
    [
        "name", "iterations", "warmup", "concurrent", "load", "rate", "duration", "latency",
        "tool_calls", "reply_tokens", "parallel", "tool_delay_ms", "turns", "max_iterations",
    ];

    private static IReadOnlyList<ScenarioConfig> ReadScenarios(YamlNodeReader r, YamlNode node)
    {
        var items = r.Sequence(node, "scenarios");
        if (items is null) return ScenarioConfig.Defaults;
        var result = new List<ScenarioConfig>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"scenarios[{i}]";
            var map = r.Mapping(items[i], path, ScenarioKeys);
            if (map is null) continue;
            if (!map.TryGetValue("name", out var nameNode))
            {
                r.Error(items[i], path, "'name' is required (one of " + string.Join(", ", ScenarioCatalog.Names) + ").");
                continue;
            }
            var name = r.String(nameNode, path + ".name");
            if (name is null) continue;
            if (!ScenarioCatalog.IsKnown(name))
            {
                r.Error(nameNode, path + ".name", $"unknown scenario '{name}' (known: {string.Join(", ", ScenarioCatalog.Names)}).");
                continue;
            }
            if (result.Any(s => s.Name == name))
            {
                r.Error(nameNode, path + ".name", $"scenario '{name}' is listed twice.");
                continue;
            }

            var s = new ScenarioConfig { Name = name };
            foreach (var (key, value) in map)
            {
                var p = $"{path}.{key}";
                s = key switch
                {
                    "iterations" => r.Int(value, p, 1, 10_000_000) is { } v ? s with { Iterations = v } : s,
                    "warmup" => r.Int(value, p, 0, 10_000_000) is { } v ? s with { Warmup = v } : s,
                    "concurrent" => r.Int(value, p, 1, 100_000) is { } v ? s with { Concurrent = v } : s,
                    "load" => ReadLoadModel(r, value, p) is { } v ? s with { Load = v } : s,
                    "rate" => r.Double(value, p, 0.001, 1_000_000) is { } v ? s with { Rate = v } : s,
                    "duration" => r.Seconds(value, p, 0.1, 86_400) is { } v ? s with { DurationSeconds = v } : s,
                    "latency" => r.String(value, p) is { } v ? s with { Latency = v } : s,
                    "tool_calls" => r.Int(value, p, 0, 50) is { } v ? s with { ToolCalls = v } : s,
                    "reply_tokens" => r.Int(value, p, 1, 4096) is { } v ? s with { ReplyTokens = v } : s,
                    "parallel" => r.Int(value, p, 1, 16) is { } v ? s with { Parallel = v } : s,
                    "tool_delay_ms" => r.Int(value, p, 0, 10_000) is { } v ? s with { ToolDelayMs = v } : s,
                    "turns" => r.Int(value, p, 1, 10_000) is { } v ? s with { Turns = v } : s,
                    "max_iterations" => r.Int(value, p, 1, 50) is { } v ? s with { MaxIterations = v } : s,
                    _ => s,
                };
            }
            if (s.Load == LoadModel.Open && s.Rate is null)
                r.Error(items[i], path + ".rate", "is required when load is 'open' (iterations started per second).");
            if (!ScenarioCatalog.TryResolve(s, out _, out var error))
                r.Error(items[i], path, error!);
            result.Add(s);
        }
        return result;
    }

    private static LoadModel? ReadLoadModel(YamlNodeReader r, YamlNode node, string path)
    {
        var text = r.String(node, path);
        switch (text)
        {
            case null: return null;
            case "closed": return LoadModel.Closed;
            case "open": return LoadModel.Open;
            default:
                r.Error(node, path, $"must be 'closed' or 'open', got '{text}'.");
                return null;
        }
    }

    private static LlmConfig ReadLlm(YamlNodeReader r, YamlNode node)
    {
        var llm = new LlmConfig();
        var map = r.Mapping(node, "llm", ["provider", "model", "mock"]);
        if (map is null) return llm;
        if (map.TryGetValue("provider", out var provider) && r.String(provider, "llm.provider") is { } p) llm = llm with { Provider = p };
        if (map.TryGetValue("model", out var model) && r.String(model, "llm.model") is { } m) llm = llm with { Model = m };
        if (map.TryGetValue("mock", out var mock)) llm = llm with { Mock = ReadMock(r, mock) };
        return llm;
    }

    private static MockSection ReadMock(YamlNodeReader r, YamlNode node)
    {
        // The seed wrote `mock: true`; BenchApp also takes a mapping with the latency model.
        if (node is YamlScalarNode) return r.Bool(node, "llm.mock") is false ? new MockSection { Enabled = false } : new MockSection();

        var mock = new MockSection();
        var map = r.Mapping(node, "llm.mock", ["enabled", "url", "latency", "profiles", "faults"]);
        if (map is null) return mock;
        if (map.TryGetValue("enabled", out var enabled) && r.Bool(enabled, "llm.mock.enabled") is { } e) mock = mock with { Enabled = e };
        if (map.TryGetValue("url", out var url) && r.HttpUrl(url, "llm.mock.url") is { } u) mock = mock with { Url = u };
        if (map.TryGetValue("profiles", out var profiles)) mock = mock with { Profiles = ReadProfiles(r, profiles) };
        if (map.TryGetValue("latency", out var latency) && r.String(latency, "llm.mock.latency") is { } l)
        {
            if (mock.Profiles.ContainsKey(l)) mock = mock with { Latency = l };
            else r.Error(latency, "llm.mock.latency", $"unknown latency profile '{l}' (known: {string.Join(", ", mock.Profiles.Keys)}).");
        }
        if (map.TryGetValue("faults", out var faults)) mock = mock with { Faults = ReadFaults(r, faults) };
        return mock;
    }

    private static IReadOnlyDictionary<string, LatencyConfig> ReadProfiles(YamlNodeReader r, YamlNode node)
    {
        var result = new Dictionary<string, LatencyConfig>(MockSection.DefaultProfiles);
        var map = r.Mapping(node, "llm.mock.profiles", null);
        if (map is null) return result;
        foreach (var (name, value) in map)
        {
            var path = $"llm.mock.profiles.{name}";
            var p = r.Mapping(value, path, ["ttft_ms", "per_token_ms", "jitter"]);
            if (p is null) continue;
            var latency = new LatencyConfig();
            if (p.TryGetValue("ttft_ms", out var ttft) && r.Double(ttft, path + ".ttft_ms", 0, LatencyConfig.MaxMs) is { } t) latency = latency with { TtftMs = t };
            if (p.TryGetValue("per_token_ms", out var per) && r.Double(per, path + ".per_token_ms", 0, LatencyConfig.MaxMs) is { } pt) latency = latency with { PerTokenMs = pt };
            if (p.TryGetValue("jitter", out var jitterNode) && r.Mapping(jitterNode, path + ".jitter", ["distribution", "stddev_ms", "sigma"]) is { } j)
            {
                var jitter = new JitterConfig();
                if (j.TryGetValue("distribution", out var d) && r.String(d, path + ".jitter.distribution") is { } dist)
                {
                    if (JitterDistributions.All.Contains(dist)) jitter = jitter with { Distribution = dist };
                    else r.Error(d, path + ".jitter.distribution", $"must be one of {string.Join(", ", JitterDistributions.All)}, got '{dist}'.");
                }
                if (j.TryGetValue("stddev_ms", out var sd) && r.Double(sd, path + ".jitter.stddev_ms", 0, LatencyConfig.MaxMs) is { } sdv) jitter = jitter with { StddevMs = sdv };
                if (j.TryGetValue("sigma", out var sg) && r.Double(sg, path + ".jitter.sigma", 0, JitterConfig.MaxSigma) is { } sgv) jitter = jitter with { Sigma = sgv };
                latency = latency with { Jitter = jitter };
            }
            result[name] = latency;
        }
        return result;
    }

    private static FaultConfig ReadFaults(YamlNodeReader r, YamlNode node)
    {
        var faults = new FaultConfig();
        const string path = "llm.mock.faults";
        var map = r.Mapping(node, path, ["error_rate", "rate_limit_rate", "retry_after_seconds", "hang_rate", "hang_ms"]);
        if (map is null) return faults;
        if (map.TryGetValue("error_rate", out var e) && r.Double(e, path + ".error_rate", 0, 1) is { } ev) faults = faults with { ErrorRate = ev };
        if (map.TryGetValue("rate_limit_rate", out var rl) && r.Double(rl, path + ".rate_limit_rate", 0, 1) is { } rlv) faults = faults with { RateLimitRate = rlv };
        if (map.TryGetValue("retry_after_seconds", out var ra) && r.Double(ra, path + ".retry_after_seconds", 0, FaultConfig.MaxRetryAfterSeconds) is { } rav) faults = faults with { RetryAfterSeconds = rav };
        if (map.TryGetValue("hang_rate", out var h) && r.Double(h, path + ".hang_rate", 0, 1) is { } hv) faults = faults with { HangRate = hv };
        if (map.TryGetValue("hang_ms", out var hm) && r.Int(hm, path + ".hang_ms", 0, FaultConfig.MaxHangMs) is { } hmv) faults = faults with { HangMs = hmv };
        if (faults.ErrorRate + faults.RateLimitRate + faults.HangRate > 1 + 1e-9)
            r.Error(node, path, "error_rate + rate_limit_rate + hang_rate must be at most 1.");
        return faults;
    }

    private static IReadOnlyList<ExecutorEndpointConfig> ReadExecutors(YamlNodeReader r, YamlNode node)
    {
        var result = new List<ExecutorEndpointConfig>();
        // `executors: {}` or `executors:` (nothing) both mean none.
        if (node is YamlScalarNode { Value: "" or "~" or "null" }) return result;
        var map = r.Mapping(node, "executors", null);
        if (map is null) return result;
        foreach (var (name, value) in map)
        {
            if (!ExecutorNameRegex().IsMatch(name))
            {
                r.Error(value, $"executors.{name}", "executor names are lowercase letters, digits and '-' (e.g. dotnet-inproc).");
                continue;
            }
            if (r.HttpUrl(value, $"executors.{name}") is { } url) result.Add(new ExecutorEndpointConfig(name, url));
        }
        return result;
    }

    private static SweepConfig ReadSweep(YamlNodeReader r, YamlNode node)
    {
        var sweep = new SweepConfig();
        var map = r.Mapping(node, "sweep", ["enabled", "scenario", "concurrency", "iterations_per_worker", "min_iterations", "warmup", "per_core_workers"]);
        if (map is null) return sweep;
        if (map.TryGetValue("enabled", out var en) && r.Bool(en, "sweep.enabled") is { } env) sweep = sweep with { Enabled = env };
        if (map.TryGetValue("scenario", out var sc) && r.String(sc, "sweep.scenario") is { } scv) sweep = sweep with { Scenario = scv };
        if (map.TryGetValue("concurrency", out var c) && ReadLevels(r, c, "sweep.concurrency") is { } levels) sweep = sweep with { Concurrency = levels };
        if (map.TryGetValue("iterations_per_worker", out var ipw) && r.Int(ipw, "sweep.iterations_per_worker", 1, 1_000_000) is { } ipwv) sweep = sweep with { IterationsPerWorker = ipwv };
        if (map.TryGetValue("min_iterations", out var mi) && r.Int(mi, "sweep.min_iterations", 1, 10_000_000) is { } miv) sweep = sweep with { MinIterations = miv };
        if (map.TryGetValue("warmup", out var w) && r.Int(w, "sweep.warmup", 0, 1_000_000) is { } wv) sweep = sweep with { Warmup = wv };
        if (map.TryGetValue("per_core_workers", out var pcw) && r.Bool(pcw, "sweep.per_core_workers") is { } pcwv) sweep = sweep with { PerCoreWorkers = pcwv };
        return sweep;
    }

    private static IReadOnlyList<int>? ReadLevels(YamlNodeReader r, YamlNode node, string path)
    {
        var items = r.Sequence(node, path);
        if (items is null) return null;
        var levels = new List<int>();
        for (var i = 0; i < items.Count; i++)
            if (r.Int(items[i], $"{path}[{i}]", 1, 100_000) is { } level)
            {
                if (levels.Contains(level)) r.Error(items[i], $"{path}[{i}]", $"level {level} is listed twice.");
                else levels.Add(level);
            }
        if (items.Count == 0) r.Error(node, path, "must list at least one concurrency level.");
        return levels.Order().ToList();
    }

    private static GrowthConfig ReadGrowth(YamlNodeReader r, YamlNode node)
    {
        var growth = new GrowthConfig();
        var map = r.Mapping(node, "growth", ["enabled", "turns"]);
        if (map is null) return growth;
        if (map.TryGetValue("enabled", out var en) && r.Bool(en, "growth.enabled") is { } env) growth = growth with { Enabled = env };
        if (map.TryGetValue("turns", out var t) && r.Int(t, "growth.turns", 2, 100_000) is { } tv) growth = growth with { Turns = tv };
        return growth;
    }

    private static DriverConfig ReadDriver(YamlNodeReader r, YamlNode node)
    {
        var d = new DriverConfig();
        var map = r.Mapping(node, "driver", ["health_wait_seconds", "request_timeout_seconds", "sample_interval_ms", "settle_seconds", "settle_cpu_percent", "max_samples", "max_in_flight"]);
        if (map is null) return d;
        if (map.TryGetValue("health_wait_seconds", out var hw) && r.Seconds(hw, "driver.health_wait_seconds", 0, 3600) is { } hwv) d = d with { HealthWaitSeconds = hwv };
        if (map.TryGetValue("request_timeout_seconds", out var rt) && r.Seconds(rt, "driver.request_timeout_seconds", 0.01, 3600) is { } rtv) d = d with { RequestTimeoutSeconds = rtv };
        if (map.TryGetValue("sample_interval_ms", out var si) && r.Int(si, "driver.sample_interval_ms", 10, 60_000) is { } siv) d = d with { SampleIntervalMs = siv };
        if (map.TryGetValue("settle_seconds", out var ss) && r.Seconds(ss, "driver.settle_seconds", 0, 600) is { } ssv) d = d with { SettleSeconds = ssv };
        if (map.TryGetValue("settle_cpu_percent", out var sc) && r.Double(sc, "driver.settle_cpu_percent", 0.1, 100) is { } scv) d = d with { SettleCpuPercent = scv };
        if (map.TryGetValue("max_samples", out var ms) && r.Int(ms, "driver.max_samples", 100, 10_000_000) is { } msv) d = d with { MaxSamples = msv };
        if (map.TryGetValue("max_in_flight", out var mf) && r.Int(mf, "driver.max_in_flight", 1, 1_000_000) is { } mfv) d = d with { MaxInFlight = mfv };
        return d;
    }

    private static QuickConfig ReadQuick(YamlNodeReader r, YamlNode node)
    {
        var q = new QuickConfig();
        var map = r.Mapping(node, "quick", ["iterations", "warmup", "concurrent_iterations", "sweep_concurrency", "sweep_min_iterations", "sweep_iterations_per_worker", "growth_turns"]);
        if (map is null) return q;
        if (map.TryGetValue("iterations", out var i) && r.Int(i, "quick.iterations", 1, 1_000_000) is { } iv) q = q with { Iterations = iv };
        if (map.TryGetValue("warmup", out var w) && r.Int(w, "quick.warmup", 0, 1_000_000) is { } wv) q = q with { Warmup = wv };
        if (map.TryGetValue("concurrent_iterations", out var ci) && r.Int(ci, "quick.concurrent_iterations", 1, 10_000_000) is { } civ) q = q with { ConcurrentIterations = civ };
        if (map.TryGetValue("sweep_concurrency", out var sc) && ReadLevels(r, sc, "quick.sweep_concurrency") is { } scv) q = q with { SweepConcurrency = scv };
        if (map.TryGetValue("sweep_min_iterations", out var smi) && r.Int(smi, "quick.sweep_min_iterations", 1, 10_000_000) is { } smiv) q = q with { SweepMinIterations = smiv };
        if (map.TryGetValue("sweep_iterations_per_worker", out var sipw) && r.Int(sipw, "quick.sweep_iterations_per_worker", 1, 1_000_000) is { } sipwv) q = q with { SweepIterationsPerWorker = sipwv };
        if (map.TryGetValue("growth_turns", out var gt) && r.Int(gt, "quick.growth_turns", 2, 100_000) is { } gtv) q = q with { GrowthTurns = gtv };
        return q;
    }

    private static CompareConfig ReadCompare(YamlNodeReader r, YamlNode node)
    {
        var c = new CompareConfig();
        var map = r.Mapping(node, "compare", ["threshold_percent", "noise_floor_ms", "alpha", "cpu_noise_floor_ms", "gate_cold_start"]);
        if (map is null) return c;
        if (map.TryGetValue("threshold_percent", out var t) && r.Double(t, "compare.threshold_percent", 0, 1000) is { } tv) c = c with { ThresholdPercent = tv };
        if (map.TryGetValue("noise_floor_ms", out var n) && r.Double(n, "compare.noise_floor_ms", 0, 1_000_000) is { } nv) c = c with { NoiseFloorMs = nv };
        if (map.TryGetValue("alpha", out var a) && r.Double(a, "compare.alpha", 1e-9, 0.5) is { } av) c = c with { Alpha = av };
        if (map.TryGetValue("cpu_noise_floor_ms", out var cn) && r.Double(cn, "compare.cpu_noise_floor_ms", 0, 1_000_000) is { } cnv) c = c with { CpuNoiseFloorMs = cnv };
        if (map.TryGetValue("gate_cold_start", out var gc) && r.Bool(gc, "compare.gate_cold_start") is { } gcv) c = c with { GateColdStart = gcv };
        return c;
    }

    private static IReadOnlyList<ThresholdRule> ReadThresholds(YamlNodeReader r, YamlNode node)
    {
        var result = new List<ThresholdRule>();
        var items = r.Sequence(node, "thresholds");
        if (items is null) return result;
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"thresholds[{i}]";
            YamlNode ruleNode = items[i];
            string? scenario = null, executor = null;
            if (items[i] is YamlMappingNode)
            {
                var map = r.Mapping(items[i], path, ["rule", "scenario", "executor"]);
                if (map is null) continue;
                if (!map.TryGetValue("rule", out ruleNode!))
                {
                    r.Error(items[i], path, "'rule' is required (e.g. rule: p99<200).");
                    continue;
                }
                if (map.TryGetValue("scenario", out var s))
                {
                    scenario = r.String(s, path + ".scenario");
                    if (scenario is not null && !ScenarioCatalog.IsKnown(scenario))
                        r.Error(s, path + ".scenario", $"unknown scenario '{scenario}' (known: {string.Join(", ", ScenarioCatalog.Names)}).");
                }
                if (map.TryGetValue("executor", out var e)) executor = r.String(e, path + ".executor");
                path += ".rule";
            }
            var text = r.String(ruleNode, path);
            if (text is null) continue;
            if (ThresholdRule.TryParse(text, out var rule, out var error)) result.Add(rule! with { Scenario = scenario, Executor = executor });
            else r.Error(ruleNode, path, error!);
        }
        return result;
    }

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex ExecutorNameRegex();
}
