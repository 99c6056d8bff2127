using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoQ.TikTokSync.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RunHeartbeat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HeartbeatAtUtc",
                table: "ProcessingLogEntries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProcessingLogEntries_FinishedAtUtc",
                table: "ProcessingLogEntries",
                column: "FinishedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProcessingLogEntries_FinishedAtUtc",
                table: "ProcessingLogEntries");

            migrationBuilder.DropColumn(
                name: "HeartbeatAtUtc",
                table: "ProcessingLogEntries");
        }
    }
}
