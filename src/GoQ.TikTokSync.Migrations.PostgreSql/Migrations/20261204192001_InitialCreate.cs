using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GoQ.TikTokSync.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSignInAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                    DisabledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MallConnections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Mall = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PrimaryCarrier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DisplayOrder = table.Column<int>(type: "integer", nullable: false),
                    AuthorizationState = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ProtectedRefreshToken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AccessTokenExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AuthorizationExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AuthorizedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastTokenRefreshAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReauthorizationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SellerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TikTokShopId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ShopCipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ShopName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ShopRegion = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    ShopCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FetchTikTokStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TargetGoqStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FetchDays = table.Column<int>(type: "integer", nullable: false),
                    AutoFetchEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AutoExportEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    StatusAfterPush = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ImportCursorUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastReconciliationAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastSuccessfulFetchAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConsecutiveFetchFailures = table.Column<int>(type: "integer", nullable: false),
                    FetchLeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FetchLeaseUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastWebhookAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WebhookSyncQueuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MallConnections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OperationHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Details = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    TargetUrl = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OperationHistory", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcessingLogEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TriggeredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    MallConnectionId = table.Column<int>(type: "integer", nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Result = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RangeFromUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RangeToUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FoundByReconciliation = table.Column<int>(type: "integer", nullable: true),
                    PagesFetched = table.Column<int>(type: "integer", nullable: false),
                    ExpectedOrders = table.Column<int>(type: "integer", nullable: true),
                    Created = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Unchanged = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessingLogEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    OperationHistoryDays = table.Column<int>(type: "integer", nullable: false),
                    ProcessingLogDays = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AuthorizationRequests",
                columns: table => new
                {
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MallConnectionId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConsumedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MallConnectionId = table.Column<int>(type: "integer", nullable: false),
                    TikTokOrderId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TikTokStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    GoqStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsOnHold = table.Column<bool>(type: "boolean", nullable: false),
                    IsCancelledOnTikTok = table.Column<bool>(type: "boolean", nullable: false),
                    CancellationAcknowledged = table.Column<bool>(type: "boolean", nullable: false),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OrderedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PaidAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TikTokUpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ShipByUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BuyerUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    BuyerMessage = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SellerNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecipientName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecipientNameKana = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PostalCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Prefecture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Town = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AddressLine = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Building = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FullAddress = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PhoneNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    PhoneDigits = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    SubTotal = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ShippingFee = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    SellerDiscount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    PlatformDiscount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    TotalAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    DeliveryOptionId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    WarehouseId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Carrier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ShipDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ShipmentPushState = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PushedTrackingNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PushedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OperatorNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Orders_MallConnections_MallConnectionId",
                        column: x => x.MallConnectionId,
                        principalTable: "MallConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ShippingProviderMappings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MallConnectionId = table.Column<int>(type: "integer", nullable: false),
                    DeliveryOptionId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Carrier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ShippingProviderId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ShippingProviderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SetByAdministrator = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "WebhookNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DedupeKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    ShopId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MallConnectionId = table.Column<int>(type: "integer", nullable: true),
                    TikTokOrderId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProcessedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
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

            migrationBuilder.CreateTable(
                name: "OperationHistoryOrders",
                columns: table => new
                {
                    OperationHistoryEntryId = table.Column<long>(type: "bigint", nullable: false),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OperationHistoryOrders", x => new { x.OperationHistoryEntryId, x.OrderId });
                    table.ForeignKey(
                        name: "FK_OperationHistoryOrders_OperationHistory_OperationHistoryEnt~",
                        column: x => x.OperationHistoryEntryId,
                        principalTable: "OperationHistory",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProcessingLogItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProcessingLogEntryId = table.Column<long>(type: "bigint", nullable: false),
                    TikTokOrderId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    TikTokErrorCode = table.Column<long>(type: "bigint", nullable: true),
                    TikTokRequestId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessingLogItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProcessingLogItems_ProcessingLogEntries_ProcessingLogEntryId",
                        column: x => x.ProcessingLogEntryId,
                        principalTable: "ProcessingLogEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrderHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
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
                name: "OrderLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    TikTokLineItemId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SkuId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SellerSku = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ProductId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ProductName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SkuName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SalePrice = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    OriginalPrice = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    DisplayStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PackageId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderLines_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShippingPackages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    Carrier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ShipDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LineItemIds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PushState = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PushStartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FailureReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TikTokPackageId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    PushedTrackingNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PushedCarrier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PushedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TrackingCorrections = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    ShippingPackageId = table.Column<long>(type: "bigint", nullable: true),
                    ProcessingLogEntryId = table.Column<long>(type: "bigint", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Call = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Result = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TikTokErrorCode = table.Column<long>(type: "bigint", nullable: true),
                    TikTokMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TikTokRequestId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuthorizationRequests_ExpiresAtUtc",
                table: "AuthorizationRequests",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorizationRequests_MallConnectionId",
                table: "AuthorizationRequests",
                column: "MallConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_MallConnections_DisplayOrder",
                table: "MallConnections",
                column: "DisplayOrder");

            migrationBuilder.CreateIndex(
                name: "IX_OperationHistory_Kind_OccurredAtUtc",
                table: "OperationHistory",
                columns: new[] { "Kind", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OperationHistory_OccurredAtUtc",
                table: "OperationHistory",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OperationHistory_UserId_OccurredAtUtc",
                table: "OperationHistory",
                columns: new[] { "UserId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OperationHistoryOrders_OrderId",
                table: "OperationHistoryOrders",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_OperationHistoryOrders_OrderNumber",
                table: "OperationHistoryOrders",
                column: "OrderNumber");

            migrationBuilder.CreateIndex(
                name: "IX_OrderHistory_OrderId_AtUtc",
                table: "OrderHistory",
                columns: new[] { "OrderId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_OrderId_TikTokLineItemId",
                table: "OrderLines",
                columns: new[] { "OrderId", "TikTokLineItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_GoqStatus_OrderedAtUtc",
                table: "Orders",
                columns: new[] { "GoqStatus", "OrderedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_MallConnectionId_TikTokOrderId",
                table: "Orders",
                columns: new[] { "MallConnectionId", "TikTokOrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_OrderedAtUtc",
                table: "Orders",
                column: "OrderedAtUtc");

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
                name: "IX_Orders_TrackingNumber",
                table: "Orders",
                column: "TrackingNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessingLogEntries_MallConnectionId_StartedAtUtc",
                table: "ProcessingLogEntries",
                columns: new[] { "MallConnectionId", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ProcessingLogEntries_StartedAtUtc",
                table: "ProcessingLogEntries",
                column: "StartedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessingLogItems_ProcessingLogEntryId",
                table: "ProcessingLogItems",
                column: "ProcessingLogEntryId");

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
                name: "IX_ShippingProviderMappings_MallConnectionId_DeliveryOptionId_~",
                table: "ShippingProviderMappings",
                columns: new[] { "MallConnectionId", "DeliveryOptionId", "Carrier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShippingPushAttempts_OrderId_AtUtc",
                table: "ShippingPushAttempts",
                columns: new[] { "OrderId", "AtUtc" });

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
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuthorizationRequests");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "OperationHistoryOrders");

            migrationBuilder.DropTable(
                name: "OrderHistory");

            migrationBuilder.DropTable(
                name: "OrderLines");

            migrationBuilder.DropTable(
                name: "ProcessingLogItems");

            migrationBuilder.DropTable(
                name: "RetentionSettings");

            migrationBuilder.DropTable(
                name: "ShippingPackages");

            migrationBuilder.DropTable(
                name: "ShippingProviderMappings");

            migrationBuilder.DropTable(
                name: "ShippingPushAttempts");

            migrationBuilder.DropTable(
                name: "WebhookNotifications");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "OperationHistory");

            migrationBuilder.DropTable(
                name: "ProcessingLogEntries");

            migrationBuilder.DropTable(
                name: "Orders");

            migrationBuilder.DropTable(
                name: "MallConnections");
        }
    }
}
