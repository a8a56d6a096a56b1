using G2B.Runner.Hosting;
using Npgsql;

namespace EndToEnd.Tests;

/// <summary>
/// Looks into the services' own databases, which no caller can: the effects the journey must
/// have exactly once (one invoice, one payment, one licence, one invoice-paid event) are
/// counted where they are stored.
/// </summary>
public static class SuiteDatabase
{
    public static async Task ShouldHaveExactlyOneOfEachAsync(SuiteHost host, Guid applicationId)
    {
        var payments = host.Postgres.ConnectionString("payments");
        (await CountAsync(payments, "SELECT count(*) FROM invoices WHERE application_id = @id", applicationId))
            .Should().Be(1, "one invoice per application");
        (await CountAsync(payments,
            "SELECT count(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.application_id = @id", applicationId))
            .Should().Be(1, "one accepted payment per invoice");
        (await CountAsync(payments,
            "SELECT count(*) FROM outbox_messages WHERE topic = 'invoice-paid' AND payload->>'applicationId' = @id::text", applicationId))
            .Should().Be(1, "invoice-paid published once");

        var applications = host.Postgres.ConnectionString("applications");
        (await CountAsync(applications, "SELECT count(*) FROM licences WHERE application_id = @id", applicationId))
            .Should().Be(1, "one licence per application");
    }

    private static async Task<long> CountAsync(string connectionString, string sql, Guid applicationId)
    {
        // Unpooled: a test may have restarted PostgreSQL, which ends pooled connections.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", applicationId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
