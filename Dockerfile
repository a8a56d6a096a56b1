# syntax=docker/dockerfile:1
# One recipe for every image; the build context is the repository root. docker-bake.json names
# each image's arguments (docker buildx bake fee-payments), or by hand:
#   docker build --build-arg PROJECT=services/FeePayments/FeePayments.Api/FeePayments.Api.csproj \
#     --build-arg ASSEMBLY=FeePayments.Api --build-arg TITLE=fee-payments -t g2b/fee-payments:1.0.0 .
# Multi-stage: the SDK image builds and publishes; the runtime image carries only the app. The gateway's image is
# the "gateway" stage (Native AOT; docker-bake.json names it, or by hand: docker build --target gateway -t g2b/gateway .).

# Build settings and project files only: this stage changes with every source edit, but what it
# hands on does not, so the restore layer below is reused until a project file or package version changes.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects
WORKDIR /src
COPY . .
RUN find . -type f ! -name '*.csproj' ! -name '*.props' ! -name 'global.json' ! -iname 'nuget.config' -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
COPY --from=projects /src ./
RUN test -n "$PROJECT" || { echo "--build-arg PROJECT=<path of the .csproj> is required" >&2; exit 1; }
RUN dotnet restore "$PROJECT"
COPY . .
RUN dotnet publish "$PROJECT" --configuration Release --no-restore --output /app /p:UseAppHost=false

# The gateway is a Native AOT binary (docs/benchmarks.md, "Issue 16, session 8: the gateway as Native AOT"): its own
# two stages, picked by docker-bake.json's "target": clang and zlib for the native link in the SDK stage, and a
# runtime-deps base (no .NET runtime, no dotnet host). The restore layer is reused as above.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS gateway-build
RUN apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=projects /src ./
RUN dotnet restore gateway/Gateway/Gateway.csproj --use-current-runtime
COPY . .
RUN dotnet publish gateway/Gateway/Gateway.csproj --configuration Release --no-restore --use-current-runtime --output /app
# The native debug symbols (Gateway.dbg, twice the binary) stay out of the image.
RUN rm -f /app/*.dbg /app/*.pdb

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS gateway
LABEL org.opencontainers.image.title="gateway"
WORKDIR /app
COPY --from=gateway-build /app ./
# As the runtime stage below sets them (the native runtime's GC reads DOTNET_GCgen0size from the environment too,
# as hex digits without "0x": Native AOT's reader ignores the prefixed form, which CoreCLR accepts).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_GCgen0size=400000 \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
USER $APP_UID
# The binary is PID 1 and gets SIGTERM itself.
ENTRYPOINT ["/app/Gateway"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
ARG ASSEMBLY
ARG TITLE
# Debian packages an app needs at run time (licence-applications: fonts-dejavu-core, the font its certificates embed).
ARG APT_PACKAGES=""
LABEL org.opencontainers.image.title="${TITLE}"
WORKDIR /app
RUN if [ -n "$APT_PACKAGES" ]; then \
        apt-get update \
        && apt-get install -y --no-install-recommends $APT_PACKAGES \
        && rm -rf /var/lib/apt/lists/*; \
    fi
COPY --from=build /app ./
# The aspnet image ships a non-root user "app" (APP_UID 1654); the manifests run as that uid
# with a read-only root file system and an emptyDir on /tmp.
# DOTNET_GCgen0size: a 4 MB gen0 budget instead of the cache-sized ~16 MB, 10-13 MB less RSS per process at the
# same CPU (docs/benchmarks.md, "Issue 16: memory per process"). The runtime reads it from the environment only
# (not from runtimeconfig.json), so tye.yaml sets it for every .NET service of ./run.sh too. Hex digits, no "0x":
# both runtimes read the value as hex, and Native AOT's reader ignores a "0x" prefix ("Issue 16, session 9").
# MALLOC_ARENA_MAX=2: glibc gives each thread that allocates natively its own arena, up to 8 per core; two arenas
# held 7-9 MB less RSS per process at the same CPU ("Issue 16, session 7"); tye.yaml sets it alike.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_GCgen0size=400000 \
    MALLOC_ARENA_MAX=2 \
    APP_ASSEMBLY=${ASSEMBLY}.dll
EXPOSE 8080
USER $APP_UID
# An exec-form ENTRYPOINT cannot name a build argument, so a shell reads it and execs dotnet:
# dotnet is PID 1 and gets SIGTERM itself, and container arguments still reach the app.
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"$APP_ASSEMBLY\" \"$@\"", "--"]
