using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoQ.TikTokSync.Migrations.SqlServer.Migrations
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
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WebhookSyncQueuedAtUtc",
                table: "MallConnections",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WebhookNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DedupeKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Type = table.Column<int>(type: "int", nullable: false),
                    ShopId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    MallConnectionId = table.Column<int>(type: "int", nullable: true),
                    TikTokOrderId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ProcessingLogEntryId = table.Column<long>(type: "bigint", nullable: true)
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
