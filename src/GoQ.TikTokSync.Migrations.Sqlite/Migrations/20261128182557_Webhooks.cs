using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoQ.TikTokSync.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastWebhookAtUtc",
                table: "MallConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WebhookSyncQueuedAtUtc",
                table: "MallConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WebhookNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    ShopId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MallConnectionId = table.Column<int>(type: "INTEGER", nullable: true),
                    TikTokOrderId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProcessingLogEntryId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookNotifications_MallConnections_MallConnectionId",
                        column: x => x.MallConnectionId,
                        principalTable: "MallConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookNotifications_DedupeKey",
                table: "WebhookNotifications",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookNotifications_MallConnectionId_ProcessedAtUtc",
                table: "WebhookNotifications",
                columns: new[] { "MallConnectionId", "ProcessedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookNotifications_ReceivedAtUtc",
                table: "WebhookNotifications",
                column: "ReceivedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WebhookNotifications");

            migrationBuilder.DropColumn(
                name: "LastWebhookAtUtc",
                table: "MallConnections");

            migrationBuilder.DropColumn(
                name: "WebhookSyncQueuedAtUtc",
                table: "MallConnections");
        }
    }
}
