using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompanyRegistry.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompanyLicenceWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "company_licence_words",
                columns: table => new
                {
                    licence_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    word = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_length = table.Column<int>(type: "integer", nullable: false),
                    company_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_licence_words", x => new { x.licence_type, x.word, x.name_length, x.company_id });
                    table.ForeignKey(
                        name: "fk_company_licence_words_company",
                        column: x => x.company_id,
                        principalTable: "company_search",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_company_licence_words_company",
                table: "company_licence_words",
                column: "company_id");

            migrationBuilder.Sql(SyncFunctions);
            migrationBuilder.Sql(
                "CREATE TRIGGER trg_company_licences_words AFTER INSERT OR DELETE OR UPDATE OF licence_type, company_id " +
                "ON company_licences FOR EACH ROW EXECUTE FUNCTION company_licence_words_sync()");
            // A company's words come and go with company_name_words (registration, rename): one call per statement.
            migrationBuilder.Sql(
                "CREATE TRIGGER trg_company_name_words_added AFTER INSERT ON company_name_words " +
                "REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION company_licence_words_follow_names()");
            migrationBuilder.Sql(
                "CREATE TRIGGER trg_company_name_words_removed AFTER DELETE ON company_name_words " +
                "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION company_licence_words_follow_names()");
            // Existing licences: the rows the triggers would have written.
            migrationBuilder.Sql(
                "INSERT INTO company_licence_words (licence_type, word, name_length, company_id) " +
                "SELECT DISTINCT l.licence_type, w.word, w.name_length, w.company_id " +
                "FROM company_licences l JOIN company_name_words w ON w.company_id = l.company_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER trg_company_name_words_removed ON company_name_words");
            migrationBuilder.Sql("DROP TRIGGER trg_company_name_words_added ON company_name_words");
            migrationBuilder.Sql("DROP TRIGGER trg_company_licences_words ON company_licences");
            migrationBuilder.Sql("DROP FUNCTION company_licence_words_follow_names()");
            migrationBuilder.Sql("DROP FUNCTION company_licence_words_sync()");

            migrationBuilder.DropTable(
                name: "company_licence_words");
        }

        // A licence adds its company's words under its type; the last licence of a type removes them.
        // Words added to or removed from company_name_words (registration, rename) follow under every
        // type the company holds; company_search_sync is left as it is.
        private const string SyncFunctions = """
            CREATE FUNCTION company_licence_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' AND NOT EXISTS (
                    SELECT 1 FROM company_licences l WHERE l.company_id = OLD.company_id AND l.licence_type = OLD.licence_type) THEN
                    DELETE FROM company_licence_words WHERE licence_type = OLD.licence_type AND company_id = OLD.company_id;
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    INSERT INTO company_licence_words (licence_type, word, name_length, company_id)
                    SELECT NEW.licence_type, w.word, w.name_length, w.company_id FROM company_name_words w WHERE w.company_id = NEW.company_id
                    ON CONFLICT DO NOTHING;
                END IF;
                RETURN NULL;
            END
            $$;

            CREATE FUNCTION company_licence_words_follow_names() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO company_licence_words (licence_type, word, name_length, company_id)
                    SELECT DISTINCT l.licence_type, a.word, a.name_length, a.company_id
                    FROM added a JOIN company_licences l ON l.company_id = a.company_id
                    ON CONFLICT DO NOTHING;
                ELSE
                    DELETE FROM company_licence_words c USING removed r
                    WHERE c.company_id = r.company_id AND c.word = r.word AND c.name_length = r.name_length;
                END IF;
                RETURN NULL;
            END
            $$;
            """;
    }
}
