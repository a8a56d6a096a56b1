using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Notifications.Api.Data.Migrations
{
    /// <summary>
    /// <c>uuid_v7()</c>: an RFC 9562 version 7 uuid made in the database, for rows whose number only a statement knows
    /// (a webhook message per matching endpoint, chosen by the insert itself). Ids keep the form of the ones .NET makes
    /// (<c>Guid.CreateVersion7</c>): time-ordered, so the primary key's index is appended to, not scattered.
    /// PostgreSQL 18 has <c>uuidv7()</c>; the versions this suite runs on (15 and later) do not.
    /// </summary>
    public partial class UuidV7 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A version 4 uuid (122 random bits) given the Unix time in milliseconds as its first 48 bits, and version 7
            // (0111) for 4's (0100) by setting the two low bits of that nibble; the variant bits stay as they are.
            migrationBuilder.Sql("""
                CREATE FUNCTION uuid_v7() RETURNS uuid
                LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
                    SELECT encode(
                        set_bit(set_bit(
                            overlay(uuid_send(gen_random_uuid())
                                    PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                                    FROM 1 FOR 6),
                            52, 1), 53, 1),
                        'hex')::uuid
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION uuid_v7();");
        }
    }
}
