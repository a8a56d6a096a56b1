using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LicenceApplications.Api.Data.Migrations
{
    /// <summary>
    /// Issue 13: renewals, surrender, information requests and documents, review deadlines, withdrawal,
    /// appeals and company amendments. The catalogue gets its renewal, review and document values per
    /// type; existing rows get what the new columns mean for them (details from the registration,
    /// licence history from the licence, the review due time from when the review began).
    /// </summary>
    public partial class LicenceLifeCycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_licences_status",
                table: "licences");

            migrationBuilder.DropIndex(
                name: "ux_applications_licence_number",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ux_applications_open_per_type",
                table: "applications");

            migrationBuilder.DropCheckConstraint(
                name: "ck_applications_status",
                table: "applications");

            migrationBuilder.AddColumn<bool>(
                name: "eligibility_lapsed",
                table: "licences",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "renewal_grace_days",
                table: "licence_types",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "renewal_window_days",
                table: "licence_types",
                type: "integer",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<List<string>>(
                name: "required_documents",
                table: "licence_types",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<int>(
                name: "review_days",
                table: "licence_types",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<long>(
                name: "details_version",
                table: "companies",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "appealed_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "clock_stopped_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rejected_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rejected_by",
                table: "applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "renewal_of",
                table: "applications",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "review_due_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "applications",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<string>(
                name: "changed_by",
                table: "application_history",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "application_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_documents", x => x.id);
                    table.CheckConstraint("ck_application_documents_content_type", "content_type IN ('', 'application/pdf', 'image/png', 'image/jpeg')");
                    table.CheckConstraint("ck_application_documents_size", "size BETWEEN 0 AND 10485760");
                    table.ForeignKey(
                        name: "FK_application_documents_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "information_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    response_message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    response_document_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_information_requests", x => x.id);
                    table.ForeignKey(
                        name: "FK_information_requests_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "licence_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    licence_number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cause = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licence_history", x => x.id);
                    table.ForeignKey(
                        name: "FK_licence_history_licences_licence_number",
                        column: x => x.licence_number,
                        principalTable: "licences",
                        principalColumn: "licence_number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "document_chunks",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_chunks", x => new { x.document_id, x.seq });
                    table.ForeignKey(
                        name: "FK_document_chunks_application_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "application_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_licences_eligibility_lapsed",
                table: "licences",
                column: "eligibility_lapsed",
                filter: "eligibility_lapsed");

            migrationBuilder.AddCheckConstraint(
                name: "ck_licences_status",
                table: "licences",
                sql: "status IN ('Active', 'Suspended', 'Revoked', 'Expired', 'Surrendered')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_licence_types_days",
                table: "licence_types",
                sql: "renewal_window_days >= 0 AND renewal_grace_days >= 0 AND review_days > 0");

            migrationBuilder.CreateIndex(
                name: "ix_applications_review_due_at",
                table: "applications",
                columns: new[] { "review_due_at", "id" },
                filter: "review_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_applications_licence_number",
                table: "applications",
                column: "licence_number",
                unique: true,
                filter: "renewal_of IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_applications_open_per_type",
                table: "applications",
                columns: new[] { "registration_number", "licence_type" },
                unique: true,
                filter: "status IN ('AwaitingPayment', 'UnderReview', 'InformationRequested') AND renewal_of IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_applications_open_renewal",
                table: "applications",
                column: "renewal_of",
                unique: true,
                filter: "status IN ('AwaitingPayment', 'UnderReview', 'InformationRequested')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_applications_status",
                table: "applications",
                sql: "status IN ('AwaitingPayment', 'UnderReview', 'Issued', 'Rejected', 'Expired', 'Cancelled', 'InformationRequested', 'Withdrawn', 'UnderAppeal')");

            migrationBuilder.CreateIndex(
                name: "ix_application_documents_application_id",
                table: "application_documents",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_application_id",
                table: "information_requests",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "IX_licence_history_licence_number",
                table: "licence_history",
                column: "licence_number");

            migrationBuilder.Sql("""
                UPDATE licence_types t SET renewal_window_days = v.window_days, renewal_grace_days = v.grace_days,
                    review_days = v.review_days, required_documents = v.documents
                FROM (VALUES
                    ('RETAIL-TRADE', 60, 30, 5, ARRAY[]::text[]),
                    ('FOOD-SERVICE', 60, 30, 5, ARRAY[]::text[]),
                    ('PHARMACY', 90, 30, 30, ARRAY['pharmacist-diploma', 'premises-floor-plan']),
                    ('CONSTRUCTION', 90, 30, 45, ARRAY['engineer-certificate', 'liability-insurance']),
                    ('PASSENGER-TRANSPORT', 60, 30, 30, ARRAY['vehicle-registration', 'liability-insurance']),
                    ('PRIVATE-EDUCATION', 90, 30, 45, ARRAY['curriculum', 'premises-floor-plan', 'fire-safety-certificate']),
                    ('ALCOHOL-RETAIL', 60, 15, 30, ARRAY['premises-floor-plan', 'tax-clearance-certificate']),
                    ('ADVERTISING', 30, 15, 5, ARRAY[]::text[])
                ) AS v(code, window_days, grace_days, review_days, documents)
                WHERE t.code = v.code;

                UPDATE companies SET details_version = 1 WHERE owner_subject IS NOT NULL;

                INSERT INTO licence_history (licence_number, at, status, cause, valid_until, application_id)
                SELECT licence_number, issued_at, 'Active', 'issued', valid_until, application_id FROM licences;
                INSERT INTO licence_history (licence_number, at, status, cause, valid_until, application_id)
                SELECT licence_number, status_changed_at, status, COALESCE(status_reason, lower(status)), valid_until, NULL
                FROM licences WHERE version > 1;

                UPDATE applications a SET review_due_at = h.at + make_interval(days => t.review_days)
                FROM (SELECT application_id, max(at) AS at FROM application_history WHERE status = 'UnderReview' GROUP BY application_id) h,
                    licence_types t
                WHERE a.id = h.application_id AND t.code = a.licence_type AND a.status = 'UnderReview';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_chunks");

            migrationBuilder.DropTable(
                name: "information_requests");

            migrationBuilder.DropTable(
                name: "licence_history");

            migrationBuilder.DropTable(
                name: "application_documents");

            migrationBuilder.DropIndex(
                name: "ix_licences_eligibility_lapsed",
                table: "licences");

            migrationBuilder.DropCheckConstraint(
                name: "ck_licences_status",
                table: "licences");

            migrationBuilder.DropCheckConstraint(
                name: "ck_licence_types_days",
                table: "licence_types");

            migrationBuilder.DropIndex(
                name: "ix_applications_review_due_at",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ux_applications_licence_number",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ux_applications_open_per_type",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ux_applications_open_renewal",
                table: "applications");

            migrationBuilder.DropCheckConstraint(
                name: "ck_applications_status",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "eligibility_lapsed",
                table: "licences");

            migrationBuilder.DropColumn(
                name: "renewal_grace_days",
                table: "licence_types");

            migrationBuilder.DropColumn(
                name: "renewal_window_days",
                table: "licence_types");

            migrationBuilder.DropColumn(
                name: "required_documents",
                table: "licence_types");

            migrationBuilder.DropColumn(
                name: "review_days",
                table: "licence_types");

            migrationBuilder.DropColumn(
                name: "details_version",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "appealed_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "clock_stopped_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "rejected_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "rejected_by",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "renewal_of",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "review_due_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "version",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "changed_by",
                table: "application_history");

            migrationBuilder.AddCheckConstraint(
                name: "ck_licences_status",
                table: "licences",
                sql: "status IN ('Active', 'Suspended', 'Revoked', 'Expired')");

            migrationBuilder.CreateIndex(
                name: "ux_applications_licence_number",
                table: "applications",
                column: "licence_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_applications_open_per_type",
                table: "applications",
                columns: new[] { "registration_number", "licence_type" },
                unique: true,
                filter: "status IN ('AwaitingPayment', 'UnderReview')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_applications_status",
                table: "applications",
                sql: "status IN ('AwaitingPayment', 'UnderReview', 'Issued', 'Rejected', 'Expired', 'Cancelled')");
        }
    }
}
