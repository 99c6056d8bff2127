using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoQ.TikTokSync.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MallAuthorizationAndImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_PhoneNumber",
                table: "Orders");

            migrationBuilder.AddColumn<int>(
                name: "ExpectedOrders",
                table: "ProcessingLogEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FoundByReconciliation",
                table: "ProcessingLogEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RangeFromUtc",
                table: "ProcessingLogEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RangeToUtc",
                table: "ProcessingLogEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Skipped",
                table: "ProcessingLogEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PhoneDigits",
                table: "Orders",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConsecutiveFetchFailures",
                table: "MallConnections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "FetchLeaseOwner",
                table: "MallConnections",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FetchLeaseUntilUtc",
                table: "MallConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastReconciliationAtUtc",
                table: "MallConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSuccessfulFetchAtUtc",
                table: "MallConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastTokenRefreshAtUtc",
                table: "MallConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReauthorizationReason",
                table: "MallConnections",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuthorizationRequests",
                columns: table => new
                {
                    State = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MallConnectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsumedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuthorizationRequests", x => x.State);
                    table.ForeignKey(
                        name: "FK_AuthorizationRequests_MallConnections_MallConnectionId",
                        column: x => x.MallConnectionId,
                        principalTable: "MallConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrderHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderHistory_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShippingProviderMappings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MallConnectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliveryOptionId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ShippingProviderId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ShippingProviderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SetByAdministrator = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShippingProviderMappings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShippingProviderMappings_MallConnections_MallConnectionId",
                        column: x => x.MallConnectionId,
                        principalTable: "MallConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_PhoneDigits",
                table: "Orders",
                column: "PhoneDigits");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_RecipientName",
                table: "Orders",
                column: "RecipientName");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_RecipientNameKana",
                table: "Orders",
                column: "RecipientNameKana");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorizationRequests_ExpiresAtUtc",
                table: "AuthorizationRequests",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorizationRequests_MallConnectionId",
                table: "AuthorizationRequests",
                column: "MallConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_OrderHistory_OrderId_AtUtc",
                table: "OrderHistory",
                columns: new[] { "OrderId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ShippingProviderMappings_MallConnectionId_DeliveryOptionId_Carrier",
                table: "ShippingProviderMappings",
                columns: new[] { "MallConnectionId", "DeliveryOptionId", "Carrier" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuthorizationRequests");

            migrationBuilder.DropTable(
                name: "OrderHistory");

            migrationBuilder.DropTable(
                name: "ShippingProviderMappings");

            migrationBuilder.DropIndex(
                name: "IX_Orders_PhoneDigits",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_RecipientName",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_RecipientNameKana",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ExpectedOrders",
                table: "ProcessingLogEntries");

            migrationBuilder.DropColumn(
                name: "FoundByReconciliation",
                table: "ProcessingLogEntries");

            migrationBuilder.DropColumn(
                name: "RangeFromUtc",
                table: "ProcessingLogEntries");

            migrationBuilder.DropColumn(
                name: "RangeToUtc",
                table: "ProcessingLogEntries");

            migrationBuilder.DropColumn(
                name: "Skipped",
                table: "ProcessingLogEntries");

            migrationBuilder.DropColumn(
                name: "PhoneDigits",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ConsecutiveFetchFailures",
                table: "MallConnections");

            migrationBuilder.DropColumn(
                name: "FetchLeaseOwner",
                table: "MallConnections");

            migrationBuilder.DropColumn(
                name: "FetchLeaseUntilUtc",
                table: "MallConnections");

            migrationBuilder.DropColumn(
                name: "LastReconciliationAtUtc",
                table: "MallConnections");

            migrationBuilder.DropColumn(
                name: "LastSuccessfulFetchAtUtc",
                table: "MallConnections");

            migrationBuilder.DropColumn(
                name: "LastTokenRefreshAtUtc",
                table: "MallConnections");

            migrationBuilder.DropColumn(
                name: "ReauthorizationReason",
                table: "MallConnections");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_PhoneNumber",
                table: "Orders",
                column: "PhoneNumber");
        }
    }
}
