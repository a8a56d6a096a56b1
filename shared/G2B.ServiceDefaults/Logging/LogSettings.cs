using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;

namespace G2B.ServiceDefaults;

/// <summary>
/// How a host's logger reads the <c>Serilog</c> section. Services: Serilog.Settings.Configuration
/// (<c>ReadFrom.Configuration</c>: levels, and sinks or enrichers named by assembly, found by reflection). A host that
/// sets the runtime switch <see cref="SwitchName"/> to false (the gateway, a Native AOT binary, where that reflection
/// is not available) reads the levels only, with <see cref="ReadLevels"/>: what appsettings, tye.yaml, the manifests
/// and docs/deploy.md set is levels (<c>Serilog:MinimumLevel</c>, <c>Serilog:MinimumLevel:Default</c>,
/// <c>Serilog:MinimumLevel:Override:&lt;source&gt;</c>). The switch is trimmed as a constant, so the native binary
/// carries no reflection-based settings reader at all.
/// </summary>
public static class LogSettings
{
    public const string SwitchName = "G2B.ServiceDefaults.Logging.SettingsFromConfiguration";

    [FeatureSwitchDefinition(SwitchName)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    public static bool FromConfiguration => !AppContext.TryGetSwitch(SwitchName, out var enabled) || enabled;

    internal static LoggerConfiguration ReadSettings(this LoggerConfiguration logger, IConfiguration configuration) =>
        FromConfiguration ? logger.ReadFrom.Configuration(configuration) : logger.ReadLevels(configuration);

    /// <summary>
    /// The <c>Serilog:MinimumLevel</c> settings as Serilog.Settings.Configuration reads them: a level as the section's
    /// value or its <c>Default</c>, and one <c>Override</c> per source; names case-insensitive. A level that is not
    /// a <see cref="LogEventLevel"/> fails the start, as it does there.
    /// </summary>
    public static LoggerConfiguration ReadLevels(this LoggerConfiguration logger, IConfiguration configuration)
    {
        var minimum = configuration.GetSection("Serilog:MinimumLevel");
        if ((minimum.Value ?? minimum["Default"]) is { } level)
        {
            logger.MinimumLevel.Is(Parse(level, minimum.Value is null ? minimum.GetSection("Default").Path : minimum.Path));
        }

        foreach (var source in minimum.GetSection("Override").GetChildren())
        {
            if (source.Value is { } overridden)
            {
                logger.MinimumLevel.Override(source.Key, Parse(overridden, source.Path));
            }
        }

        return logger;
    }

    private static LogEventLevel Parse(string value, string path) =>
        Enum.TryParse<LogEventLevel>(value.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new InvalidOperationException($"'{value}' at {path} is not a Serilog level (Verbose, Debug, Information, Warning, Error, Fatal).");
}
