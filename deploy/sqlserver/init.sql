-- Least-privilege database login for the app, run by docker-compose's db-init service (sqlcmd as sa) after the
-- db-migrate service has applied the migrations and Hangfire's schema with the admin login.
-- Idempotent: safe to run again after every upgrade (a new migration may create the 操作履歴 table it protects).
-- sqlcmd variables (from the environment): APP_DATABASE, APP_LOGIN, APP_LOGIN_PASSWORD (no single quotes in it).
:on error exit
SET NOCOUNT ON;

IF DB_ID(N'$(APP_DATABASE)') IS NULL
    EXEC (N'CREATE DATABASE [$(APP_DATABASE)]');
GO

IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = N'$(APP_LOGIN)')
    EXEC (N'CREATE LOGIN [$(APP_LOGIN)] WITH PASSWORD = N''$(APP_LOGIN_PASSWORD)'', CHECK_POLICY = ON, DEFAULT_DATABASE = [$(APP_DATABASE)]');
ELSE
    EXEC (N'ALTER LOGIN [$(APP_LOGIN)] WITH PASSWORD = N''$(APP_LOGIN_PASSWORD)''');
GO

USE [$(APP_DATABASE)];
GO

IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'$(APP_LOGIN)')
    CREATE USER [$(APP_LOGIN)] FOR LOGIN [$(APP_LOGIN)];

-- Read and write rows (orders, jobs, keys), run procedures; no DDL, no ownership: the app cannot alter its own schema.
ALTER ROLE db_datareader ADD MEMBER [$(APP_LOGIN)];
ALTER ROLE db_datawriter ADD MEMBER [$(APP_LOGIN)];
GRANT EXECUTE TO [$(APP_LOGIN)];

-- 操作履歴 is never edited by the app (ADR 0005). A DENY binds this login, which works only because it is not sysadmin.
-- DELETE stays allowed: the daily retention purge runs in the app under this login (保存期間, at least
-- OperationHistory:MinRetentionDays, and recorded in 操作履歴 itself). REVOKE first undoes a DENY DELETE of earlier versions.
IF OBJECT_ID(N'dbo.OperationHistory', N'U') IS NOT NULL
BEGIN
    REVOKE DELETE ON OBJECT::dbo.OperationHistory TO [$(APP_LOGIN)];
    DENY UPDATE ON OBJECT::dbo.OperationHistory TO [$(APP_LOGIN)];
END
IF OBJECT_ID(N'dbo.OperationHistoryOrders', N'U') IS NOT NULL
BEGIN
    REVOKE DELETE ON OBJECT::dbo.OperationHistoryOrders TO [$(APP_LOGIN)];
    DENY UPDATE ON OBJECT::dbo.OperationHistoryOrders TO [$(APP_LOGIN)];
END
GO
