using System.Diagnostics;
using CompanyRegistry.Api.Domain;
using Npgsql;
using NpgsqlTypes;

namespace G2B.RegistrySeed;

/// <summary>
/// Replaces the registry's companies with synthetic ones. Secondary indexes, and the primary and
/// foreign keys of the search tables, are dropped during the load and rebuilt afterwards (from their
/// own definitions), which is several times faster than maintaining them row by row. The search trigger is off during the COPY; the search tables
/// are then filled in one statement each, the same rows the trigger writes.
/// </summary>
internal static class BulkLoader
{
    public static readonly string[] CommonCodes =
        ["47.11", "47.73", "56.10", "41.20", "49.32", "85.59", "86.21", "62.01", "46.90", "10.71", "49.41", "68.20", "43.21", "55.10", "96.02"];

    public static readonly string[] LicenceTypes = ["PHARMACY", "TAXI", "CONSTRUCTION", "FOOD-SERVICE", "PRIVATE-EDUCATION", "ALCOHOL-RETAIL"];

    public static async Task LoadAsync(NpgsqlDataSource dataSource, int count, IReadOnlyList<string> allCodes)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        // One transaction up to the indexes: a load that is stopped half-way leaves the tables, their
        // indexes and triggers as they were (dropped indexes included), not an index-less registry.
        await using var transaction = await connection.BeginTransactionAsync();
        await Exec(connection, "TRUNCATE companies, company_licences, company_history, registration_counters, name_words RESTART IDENTITY CASCADE");
        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('companies', 'company_licences', 'company_search', 'company_name_words', 'company_licence_words', 'name_words') AND indexname NOT LIKE 'pk_%'", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            await Exec(connection, $"DROP INDEX {name}");
        }
        // The search tables' keys and foreign keys too: each row inserted with them paid a B-tree insert and a
        // queued foreign-key check (2.5 million of each for company_name_words on 1M companies); they are added
        // back after the fill, where a key is one sorted build and a foreign key one join.
        var constraints = await ReadConstraintsAsync(connection);
        foreach (var (table, name, _) in constraints.OrderBy(c => c.Definition.StartsWith("PRIMARY KEY", StringComparison.Ordinal)))
        {
            await Exec(connection, $"ALTER TABLE {table} DROP CONSTRAINT {name}");
        }

        await Exec(connection, "ALTER TABLE companies DISABLE TRIGGER trg_companies_search");
        // Its licences are loaded later, and company_licence_words is then filled in one statement.
        await Exec(connection, "ALTER TABLE company_name_words DISABLE TRIGGER trg_company_name_words_added");
        var watch = Stopwatch.StartNew();
        var names = new NameGenerator(seed: 2026);
        names.Reserve("Ashgabat Trade");
        var random = new Random(7);
        var start = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var perYear = count / 12 + 1;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY companies (registration_number, legal_name, name_normalized, legal_form, tax_id, address_line1, address_city, " +
            "address_country, activity_codes, status, owner_subject, registered_at, version) FROM STDIN (FORMAT BINARY, FREEZE)"))
        {
            for (var i = 0; i < count; i++)
            {
                // The first row is the name the example searches for.
                var name = i == 0 ? "Ashgabat Trade" : names.Next();
                var year = 2015 + i / perYear;
                var codes = random.Next(3) == 0
                    ? new[] { CommonCodes[random.Next(CommonCodes.Length)], allCodes[random.Next(allCodes.Count)] }.Distinct().ToArray()
                    : [random.Next(2) == 0 ? CommonCodes[random.Next(CommonCodes.Length)] : allCodes[random.Next(allCodes.Count)]];
                var roll = random.Next(100);
                var status = roll < 90 ? "Active" : roll < 97 ? "Suspended" : "Dissolved";
                await writer.StartRowAsync();
                await writer.WriteAsync(RegistrationNumber.Format(year, i % perYear + 1), NpgsqlDbType.Text);
                await writer.WriteAsync(name, NpgsqlDbType.Text);
                await writer.WriteAsync(NameNormalizer.ForComparison(name), NpgsqlDbType.Text);
                await writer.WriteAsync(((LegalForm)random.Next(5)).ToString(), NpgsqlDbType.Text);
                await writer.WriteAsync((100_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Text);
                await writer.WriteAsync($"Street {random.Next(1, 300)}", NpgsqlDbType.Text);
                await writer.WriteAsync("Ashgabat", NpgsqlDbType.Text);
                await writer.WriteAsync("TM", NpgsqlDbType.Char);
                await writer.WriteAsync(codes, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(status, NpgsqlDbType.Text);
                await writer.WriteAsync($"owner-{random.Next(200_000)}", NpgsqlDbType.Text);
                await writer.WriteAsync(start.AddMinutes(i * 5.0), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
            }
            await writer.CompleteAsync();
        }
        Console.WriteLine($"COPY companies: {count:N0} rows in {watch.Elapsed.TotalSeconds:F1} s");
        await Exec(connection, "ALTER TABLE companies ENABLE TRIGGER trg_companies_search");
        // Registrations made after the load (a running suite) continue each year's numbers.
        await Exec(connection,
            "INSERT INTO registration_counters (year, last_value) " +
            "SELECT substr(registration_number, 4, 4)::int, max(substr(registration_number, 9, 6)::bigint) FROM companies GROUP BY 1");
        await FillSearchTablesAsync(connection);
        await Exec(connection, "ALTER TABLE company_name_words ENABLE TRIGGER trg_company_name_words_added");

        watch.Restart();
        await Exec(connection, "ALTER TABLE company_licences DISABLE TRIGGER trg_company_licences_words");
        // One company in ten holds a licence: ids are 1..count in COPY order after RESTART IDENTITY.
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY company_licences (licence_number, company_id, licence_type, status, valid_until, version, updated_at) FROM STDIN (FORMAT BINARY, FREEZE)"))
        {
            for (long id = 1; id <= count; id += 10)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync($"LIC-{id:D8}", NpgsqlDbType.Text);
                await writer.WriteAsync(id, NpgsqlDbType.Bigint);
                await writer.WriteAsync(LicenceTypes[(int)(id / 10 % LicenceTypes.Length)], NpgsqlDbType.Text);
                await writer.WriteAsync("Active", NpgsqlDbType.Text);
                await writer.WriteAsync(new DateOnly(2027, 1, 1), NpgsqlDbType.Date);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        Console.WriteLine($"COPY company_licences: {count / 10:N0} rows in {watch.Elapsed.TotalSeconds:F1} s");
        await Exec(connection, "ALTER TABLE company_licences ENABLE TRIGGER trg_company_licences_words");
        watch.Restart();
        // The rows the licence trigger writes, in key order.
        await Exec(connection,
            "INSERT INTO company_licence_words (licence_type, word, name_length, company_id) " +
            "SELECT DISTINCT l.licence_type, w.word, w.name_length, w.company_id " +
            "FROM company_licences l JOIN company_name_words w ON w.company_id = l.company_id ORDER BY 1, 2, 3, 4");
        Console.WriteLine($"company_licence_words: {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        await Exec(connection, "SET maintenance_work_mem = '512MB'");
        foreach (var (table, name, definition) in constraints.OrderBy(c => !c.Definition.StartsWith("PRIMARY KEY", StringComparison.Ordinal)))
        {
            var one = Stopwatch.StartNew();
            await Exec(connection, $"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}");
            Console.WriteLine($"  constraint {name}: {one.Elapsed.TotalSeconds:F1} s");
        }
        foreach (var (name, definition) in indexes)
        {
            var one = Stopwatch.StartNew();
            await Exec(connection, definition);
            Console.WriteLine($"  index {name}: {one.Elapsed.TotalSeconds:F1} s");
        }
        await transaction.CommitAsync();
        await Exec(connection, "VACUUM ANALYZE companies");
        await Exec(connection, "VACUUM ANALYZE company_licences");
        // The visibility map lets the one-word search read company_name_words from its key alone.
        foreach (var table in new[] { "company_search", "company_name_words", "company_licence_words", "name_words" })
        {
            await Exec(connection, $"VACUUM ANALYZE {table}");
        }
        Console.WriteLine($"Indexes rebuilt and analysed in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task FillSearchTablesAsync(NpgsqlConnection connection)
    {
        var watch = Stopwatch.StartNew();
        await Exec(connection, "SET work_mem = '256MB'");
        await Exec(connection,
            "INSERT INTO company_search (id, name_normalized, name_length, status, activity_codes, words) " +
            "SELECT id, name_normalized, length(name_normalized), status, activity_codes, company_name_words_of(name_normalized) FROM companies");
        Console.WriteLine($"company_search: {watch.Elapsed.TotalSeconds:F1} s");
        watch.Restart();
        // Unsorted: its primary key is dropped during the fill and built afterwards with a sort of its own, so sorting the
        // rows here (12.5 million on 5M companies, spilled to disk) was paid twice.
        await Exec(connection,
            "INSERT INTO company_name_words (word, name_length, company_id, status) " +
            "SELECT w, name_length, id, status FROM company_search, unnest(words) AS w");
        await Exec(connection, "INSERT INTO name_words (word) SELECT DISTINCT word FROM company_name_words");
        Console.WriteLine($"company_name_words and name_words: {watch.Elapsed.TotalSeconds:F1} s");
    }

    // Primary and foreign keys of the tables filled from companies (not companies' own key, which the others reference).
    private static async Task<List<(string Table, string Name, string Definition)>> ReadConstraintsAsync(NpgsqlConnection connection)
    {
        var constraints = new List<(string, string, string)>();
        await using var read = new NpgsqlCommand(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint " +
            "WHERE conrelid IN ('company_search'::regclass, 'company_name_words'::regclass, 'company_licence_words'::regclass, 'name_words'::regclass) " +
            "AND contype IN ('p', 'f')", connection);
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            constraints.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return constraints;
    }

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
