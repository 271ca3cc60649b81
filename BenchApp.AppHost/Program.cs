using BenchApp.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.PlanInfrastructure();
var temporal = builder.AddTemporal(infrastructure.Temporal);
var redis = builder.AddRedisStore(infrastructure.Redis);

builder.Build().Run();
