using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoQ.TikTokSync.Migrations.SqlServer.Migrations
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
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ShippingPackages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    Carrier = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TrackingNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ShipDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LineItemIds = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    PushState = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    PushStartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FailureReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    TikTokPackageId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    PushedTrackingNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PushedCarrier = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    PushedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    TrackingCorrections = table.Column<int>(type: "int", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    ShippingPackageId = table.Column<long>(type: "bigint", nullable: true),
                    ProcessingLogEntryId = table.Column<long>(type: "bigint", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Call = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TrackingNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Result = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    TikTokErrorCode = table.Column<long>(type: "bigint", nullable: true),
                    TikTokMessage = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    TikTokRequestId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
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
