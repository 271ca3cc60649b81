using BenchApp.Executors;
using BenchApp.Executors.Api;

// One project, three executors: `--executor inproc` (history in Redis), `--executor temporal` (a workflow per session)
// or `--executor agent-framework` (Microsoft Agent Framework, its session in Redis).
// Content root = the app's folder, so appsettings.json (quiet per-request logging) applies whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults();
builder.AddAgentExecutor();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapExecutorApi();

app.RunExecutor();
