using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompanyRegistry.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompanySearchTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_companies_name_trgm",
                table: "companies");

            migrationBuilder.CreateTable(
                name: "company_search",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    name_normalized = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_length = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    activity_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    words = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_search", x => x.id);
                    table.ForeignKey(
                        name: "fk_company_search_company",
                        column: x => x.id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "name_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_name_words", x => x.word);
                });

            migrationBuilder.CreateTable(
                name: "company_name_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_length = table.Column<int>(type: "integer", nullable: false),
                    company_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_name_words", x => new { x.word, x.name_length, x.company_id });
                    table.ForeignKey(
                        name: "fk_company_name_words_company",
                        column: x => x.company_id,
                        principalTable: "company_search",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_company_name_words_company",
                table: "company_name_words",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_company_search_activity_codes",
                table: "company_search",
                column: "activity_codes")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_company_search_words",
                table: "company_search",
                column: "words")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_name_words_trgm",
                table: "name_words",
                column: "word")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.Sql(SyncFunction);
            migrationBuilder.Sql(
                "CREATE TRIGGER trg_companies_search AFTER INSERT OR UPDATE OF name_normalized, status, activity_codes " +
                "ON companies FOR EACH ROW EXECUTE FUNCTION company_search_sync()");
            // Existing companies: the same rows the trigger would have written.
            migrationBuilder.Sql(
                "INSERT INTO company_search (id, name_normalized, name_length, status, activity_codes, words) " +
                "SELECT id, name_normalized, length(name_normalized), status, activity_codes, company_name_words_of(name_normalized) FROM companies");
            migrationBuilder.Sql(
                "INSERT INTO company_name_words (word, name_length, company_id) " +
                "SELECT w, name_length, id FROM company_search, unnest(words) AS w");
            migrationBuilder.Sql("INSERT INTO name_words (word) SELECT DISTINCT word FROM company_name_words");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER trg_companies_search ON companies");
            migrationBuilder.Sql("DROP FUNCTION company_search_sync()");
            migrationBuilder.Sql("DROP FUNCTION company_name_words_of(text)");

            migrationBuilder.DropTable(
                name: "company_name_words");

            migrationBuilder.DropTable(
                name: "name_words");

            migrationBuilder.DropTable(
                name: "company_search");

            migrationBuilder.CreateIndex(
                name: "ix_companies_name_trgm",
                table: "companies",
                column: "name_normalized")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        // Keeps the search tables in step with companies inside the writing transaction. Words are
        // sorted so two registrations adding the same new dictionary words lock them in one order.
        private const string SyncFunction = """
            CREATE FUNCTION company_name_words_of(name text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT coalesce(array_agg(DISTINCT w ORDER BY w), '{}') FROM unnest(string_to_array(name, ' ')) AS w WHERE w <> ''
            $$;

            CREATE FUNCTION company_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                new_words text[] := company_name_words_of(NEW.name_normalized);
                renamed boolean := TG_OP = 'INSERT' OR NEW.name_normalized IS DISTINCT FROM OLD.name_normalized;
            BEGIN
                IF TG_OP = 'UPDATE' AND renamed THEN
                    DELETE FROM company_name_words WHERE company_id = NEW.id;
                END IF;
                INSERT INTO company_search (id, name_normalized, name_length, status, activity_codes, words)
                VALUES (NEW.id, NEW.name_normalized, length(NEW.name_normalized), NEW.status, NEW.activity_codes, new_words)
                ON CONFLICT (id) DO UPDATE SET name_normalized = EXCLUDED.name_normalized, name_length = EXCLUDED.name_length,
                    status = EXCLUDED.status, activity_codes = EXCLUDED.activity_codes, words = EXCLUDED.words;
                IF renamed THEN
                    INSERT INTO name_words (word) SELECT w FROM unnest(new_words) AS w ON CONFLICT DO NOTHING;
                    INSERT INTO company_name_words (word, name_length, company_id)
                    SELECT w, length(NEW.name_normalized), NEW.id FROM unnest(new_words) AS w;
                END IF;
                RETURN NULL;
            END
            $$;
            """;
    }
}
