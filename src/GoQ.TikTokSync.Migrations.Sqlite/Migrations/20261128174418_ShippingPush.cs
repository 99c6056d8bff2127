using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoQ.TikTokSync.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ShippingPush : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StatusAfterPush",
                table: "MallConnections",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ShippingPackages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ShipDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LineItemIds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PushState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PushStartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TikTokPackageId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    PushedTrackingNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PushedCarrier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PushedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TrackingCorrections = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShippingPackages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShippingPackages_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShippingPushAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    ShippingPackageId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProcessingLogEntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Call = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TikTokErrorCode = table.Column<long>(type: "INTEGER", nullable: true),
                    TikTokMessage = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TikTokRequestId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShippingPushAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShippingPushAttempts_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ShippingPackages_OrderId",
                table: "ShippingPackages",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_ShippingPackages_PushState_OrderId",
                table: "ShippingPackages",
                columns: new[] { "PushState", "OrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_ShippingPackages_TrackingNumber",
                table: "ShippingPackages",
                column: "TrackingNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ShippingPushAttempts_OrderId_AtUtc",
                table: "ShippingPushAttempts",
                columns: new[] { "OrderId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ShippingPackages");

            migrationBuilder.DropTable(
                name: "ShippingPushAttempts");

            migrationBuilder.DropColumn(
                name: "StatusAfterPush",
                table: "MallConnections");
        }
    }
}
