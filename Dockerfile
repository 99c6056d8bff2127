# The web app for production: the README's publish command (tested by the Cluster tests), run on the ASP.NET Core runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props GoQ.TikTokSync.sln ./
COPY src/ src/
RUN dotnet publish src/GoQ.TikTokSync.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    App__DataDirectory=/var/lib/goq-tiktoksync
RUN mkdir -p /var/lib/goq-tiktoksync && chown app:app /var/lib/goq-tiktoksync
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "GoQ.TikTokSync.Web.dll"]
