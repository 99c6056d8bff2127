using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoQ.TikTokSync.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OrderStatusTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrderStatusTallies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MallConnectionId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Change = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderStatusTallies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderStatusTallies_MallConnections_MallConnectionId",
                        column: x => x.MallConnectionId,
                        principalTable: "MallConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrderStatusTallies_MallConnectionId_Status",
                table: "OrderStatusTallies",
                columns: new[] { "MallConnectionId", "Status" });

            // Orders stored before the tallies existed: one row per connection and status, as a fold would leave them.
            migrationBuilder.Sql("""
                INSERT INTO [OrderStatusTallies] ([MallConnectionId], [Status], [Change]) SELECT [MallConnectionId], [GoqStatus], COUNT(*) FROM [Orders] GROUP BY [MallConnectionId], [GoqStatus];
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrderStatusTallies");
        }
    }
}
