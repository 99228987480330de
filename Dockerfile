# syntax=docker/dockerfile:1
# Bantin: `docker compose up -d` (see docker-compose.yml), or
#   docker build -t bantin . && docker run -d -v bantin-data:/app/data --env-file .env -p 8080:8080 bantin

# 1. Compile TypeScript. Dev dependencies live only here; no native module is needed to run tsc.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Runtime dependencies only. better-sqlite3 is compiled against this very Node, so the
#    toolchain is needed here, and stays here.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV npm_config_build_from_source=true
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 3. What runs: compiled code, runtime dependencies, config and the offline samples, as the
#    unprivileged `node` user. The database lives in the /app/data volume.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
  BANTIN_DB=/app/data/bantin.db \
  HTTP_PORT=8080
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
# Holds the SQL migrations too: `npm run build` copies them beside the compiled store.
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY config ./config
COPY data/samples ./data/samples
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080
# Slim images have no curl: ask Node itself. 503 (unhealthy) and no answer both fail the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/cli/main.js", "start"]
