using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FeePayments.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_payment_attempts_received_at",
                table: "payment_attempts",
                column: "received_at");

            // Still append-only, with one way out: a transaction that declares a prune cutoff
            // (fee_payments.audit_prune_before, see Audit/AuditPruning.cs) may delete rows received before it.
            // UPDATE and TRUNCATE stay refused, and so is a DELETE of anything newer than the cutoff.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION payment_attempts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE cutoff text := current_setting('fee_payments.audit_prune_before', true);
                BEGIN
                    IF TG_OP = 'DELETE' AND cutoff IS NOT NULL AND cutoff <> ''
                        AND OLD.received_at < cutoff::timestamptz THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'payment_attempts is append-only (% rejected)', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION payment_attempts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'payment_attempts is append-only (% rejected)', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);

            migrationBuilder.DropIndex(
                name: "ix_payment_attempts_received_at",
                table: "payment_attempts");
        }
    }
}
