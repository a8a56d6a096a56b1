using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FeePayments.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CanonicalBankCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Before this migration a bank code was stored as the caller spelt it ("demobank" beside
            // "DEMOBANK"). Rows are brought to the canonical (upper-case) spelling before the constraints go on.
            migrationBuilder.Sql("""
                DO $$
                DECLARE clash text;
                BEGIN
                    -- One bank transaction accepted twice under two spellings took money twice: never merge
                    -- that silently; a person returns one payment, then the migration runs.
                    SELECT string_agg(code || '/' || tx, ', ') INTO clash FROM (
                        SELECT upper(bank_code) AS code, bank_transaction_id AS tx FROM payments
                        GROUP BY upper(bank_code), bank_transaction_id HAVING count(*) > 1) twins;
                    IF clash IS NOT NULL THEN
                        RAISE EXCEPTION 'Bank transactions accepted under two spellings of one bank code: %', clash
                            USING HINT = 'Resolve these payments by hand (one of each must be returned), then migrate again.';
                    END IF;
                END $$;
                UPDATE payments SET bank_code = upper(bank_code) WHERE bank_code <> upper(bank_code);
                UPDATE invoices SET bank_code = upper(bank_code) WHERE bank_code <> upper(bank_code);

                -- One exception per bank transaction: twins under other spellings are the same one; keep the first.
                DELETE FROM payment_exceptions e USING payment_exceptions k
                WHERE upper(k.bank_code) = upper(e.bank_code) AND k.bank_transaction_id = e.bank_transaction_id AND k.id < e.id;
                UPDATE payment_exceptions SET bank_code = upper(bank_code) WHERE bank_code <> upper(bank_code);

                -- Cursors: the earliest wins, because asking a bank again is harmless and skipping is not.
                INSERT INTO reconciliation_cursors (bank_code, since, updated_at)
                SELECT upper(bank_code), min(since), max(updated_at) FROM reconciliation_cursors
                WHERE bank_code <> upper(bank_code) GROUP BY upper(bank_code)
                ON CONFLICT (bank_code) DO UPDATE
                SET since = LEAST(reconciliation_cursors.since, EXCLUDED.since),
                    updated_at = GREATEST(reconciliation_cursors.updated_at, EXCLUDED.updated_at);
                DELETE FROM reconciliation_cursors WHERE bank_code <> upper(bank_code);

                -- The audit ledger is append-only for the application; this one correction is the migration's.
                ALTER TABLE payment_attempts DISABLE TRIGGER payment_attempts_no_update_delete;
                UPDATE payment_attempts SET bank_code = upper(bank_code) WHERE bank_code <> upper(bank_code);
                ALTER TABLE payment_attempts ENABLE TRIGGER payment_attempts_no_update_delete;
                """);

            migrationBuilder.AddCheckConstraint(
                name: "ck_reconciliation_cursors_bank_code_canonical",
                table: "reconciliation_cursors",
                sql: "bank_code = upper(bank_code)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_bank_code_canonical",
                table: "payments",
                sql: "bank_code = upper(bank_code)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payment_exceptions_bank_code_canonical",
                table: "payment_exceptions",
                sql: "bank_code = upper(bank_code)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payment_attempts_bank_code_canonical",
                table: "payment_attempts",
                sql: "bank_code = upper(bank_code)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_bank_code_canonical",
                table: "invoices",
                sql: "bank_code = upper(bank_code)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_reconciliation_cursors_bank_code_canonical",
                table: "reconciliation_cursors");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_bank_code_canonical",
                table: "payments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payment_exceptions_bank_code_canonical",
                table: "payment_exceptions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payment_attempts_bank_code_canonical",
                table: "payment_attempts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_bank_code_canonical",
                table: "invoices");
        }
    }
}
