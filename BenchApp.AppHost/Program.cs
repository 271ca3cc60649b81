using BenchApp.AppHost;
using BenchApp.AppHost.Driver;
using BenchApp.AppHost.Executors;
using BenchApp.AppHost.Infrastructure;
using BenchApp.AppHost.Llm;

var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
{
    Args = args,
    DisableDashboard = BenchAppSettingsReader.IsHeadless(args),
});
var settings = BenchAppSettingsReader.Read(builder.Configuration);

var infrastructure = builder.PlanInfrastructure();
var temporal = builder.AddTemporal(infrastructure.Temporal);
var redis = builder.AddRedisStore(infrastructure.Redis);

var llm = builder.AddLlm(settings.Llm);
var executors = builder.AddExecutors(settings, llm, redis, temporal, infrastructure);
if (RequireAll.Refuses(settings, executors, Console.Error)) return;
builder.AddLoadDriver(settings, llm, executors, redis, temporal);
if (settings.Headless) builder.RemoveOtlpExport();

builder.Build().Run();
