var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMockLlm();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMockLlmEndpoints();

app.Run();
