# coupa-mcp in HTTP mode. Build:  docker build -t coupa-mcp .
# Run on the embedded sandbox:    docker run --rm -p 8080:8080 -e COUPA_MCP_HTTP_TOKEN=$(openssl rand -hex 32) coupa-mcp http --sandbox
# Run against Coupa:              add -e COUPA_INSTANCE_URL=... -e COUPA_CLIENT_ID=... -e COUPA_CLIENT_SECRET=... and drop --sandbox

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so that source changes reuse the cached layer.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY tools-schema tools-schema
COPY src src
RUN mvn -B -q clean package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the health check; nothing else is added to the runtime image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system coupa \
    && useradd --system --gid coupa --home-dir /app --shell /usr/sbin/nologin coupa
WORKDIR /app
COPY --from=build /build/target/coupa-mcp.jar /app/coupa-mcp.jar
USER coupa

# Listen on all interfaces inside the container. The server refuses to start on a non-loopback address
# without COUPA_MCP_HTTP_TOKEN, which clients then send as "Authorization: Bearer <token>".
ENV COUPA_MCP_HOST=0.0.0.0 \
    COUPA_MCP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080

# The check reads COUPA_MCP_PORT: change the port with -e COUPA_MCP_PORT=..., not with --port, so it follows.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${COUPA_MCP_PORT:-8080}/healthz" || exit 1

# Exec form: java is PID 1 and gets SIGTERM directly, which triggers the graceful shutdown.
ENTRYPOINT ["java", "-jar", "/app/coupa-mcp.jar"]
CMD ["http"]
