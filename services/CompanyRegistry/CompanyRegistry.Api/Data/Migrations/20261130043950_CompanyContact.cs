using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CompanyRegistry.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompanyContact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "contact_email",
                table: "companies",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "preferred_language",
                table: "companies",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "en");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "contact_email",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "preferred_language",
                table: "companies");
        }
    }
}
