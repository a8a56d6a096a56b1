using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Notifications.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeedRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_feed_items_received_at",
                table: "feed_items",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_feed_items_received_at",
                table: "feed_items");
        }
    }
}
