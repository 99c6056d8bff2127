using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GoQ.TikTokSync.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TrackingCsvUploads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TrackingCsvUploads",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackingCsvUploads", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TrackingCsvUploads_ExpiresAtUtc",
                table: "TrackingCsvUploads",
                column: "ExpiresAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TrackingCsvUploads");
        }
    }
}
