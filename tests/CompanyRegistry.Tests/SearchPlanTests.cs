using System.Text.Json;
using CompanyRegistry.Api.Data;
using CompanyRegistry.Api.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CompanyRegistry.Tests;

/// <summary>How PostgreSQL runs the search statement, read from its plan (no timings).</summary>
public sealed class SearchPlanTests(CompanyRegistryApp app) : IClassFixture<CompanyRegistryApp>
{
    // On a national register the planner costs the ranked statement above jit_optimize_above_cost, and
    // compiling it took 1.7 s for 0.4 ms of work; here the server is told to compile every statement.
    [Theory]
    [InlineData("word")]
    [InlineData("words")]
    [InlineData("number")]
    [InlineData("tax id")]
    [InlineData("listing")]
    public async Task The_search_statement_is_never_compiled_by_the_servers_jit(string kind)
    {
        var company = await app.Business("plan-owner-1").RegisterAsync($"Jitvora Holding {kind}");
        var query = kind switch
        {
            "word" => "jitvora",
            "words" => "jitvora holding",
            "number" => company.RegistrationNumber,
            "tax id" => company.TaxId,
            _ => null,
        };
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CompanyRegistryDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand("SELECT pg_jit_available()", connection))
        {
            ((bool)(await setup.ExecuteScalarAsync())!).Should().BeTrue("the test server must be able to JIT, or the test proves nothing");
        }
        await using (var setup = new NpgsqlCommand("SET jit = on; SET jit_above_cost = 0; SET jit_optimize_above_cost = 0", connection))
        {
            await setup.ExecuteNonQueryAsync();
        }

        var criteria = new CompanySearchCriteria(query, null, null, null, 20, null);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = CompanySearch.CreateBatch(connection, criteria, 0.5f);
        batch.Transaction = transaction;
        var statement = batch.BatchCommands[^1];
        statement.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + statement.CommandText;
        string plan;
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            await reader.NextResultAsync();
            (await reader.ReadAsync()).Should().BeTrue();
            plan = reader.GetString(0);
        }
        await transaction.RollbackAsync();

        using var json = JsonDocument.Parse(plan);
        var root = json.RootElement[0];
        root.GetProperty("Plan").GetProperty("Actual Rows").GetDouble().Should().BeGreaterThan(0, "the statement found {0}", company.LegalName);
        root.TryGetProperty("JIT", out _).Should().BeFalse(plan);
    }
}
