# syntax=docker/dockerfile:1
# kintone-login as a container: `docker compose up` (see compose.yaml and the README's "Run it as a service").

# --- build: dev dependencies (TypeScript) compile dist/; better-sqlite3 builds from source when no prebuilt
# binary fits, hence python3, make and g++ here and only here.
FROM node:24-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The packages first (a layer that survives source changes); the project's own prepare needs the sources.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
COPY db ./db
RUN npm run build && npm prune --omit=dev

# --- run: production dependencies, the build and the migrations; nothing else.
FROM node:24-slim AS run
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_PATH=/data/kintone-login.db
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/db/migrations ./db/migrations
# The database (and scheduled backups) live on volumes the unprivileged user owns; the code stays root's, read-only to it.
RUN mkdir -p /data /backups && chown node:node /data /backups
USER node
VOLUME ["/data"]
EXPOSE 3000
# /healthz answers 503 while starting (up to SLACK_STARTUP_TIMEOUT_SECONDS, 60 s by default): the start period covers it.
# node, because slim images have no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# The app handles SIGTERM: no new work, finishes what is in flight, releases the database, exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=2", "--heap-growing-percent=20", "--no-maglev", "dist/src/main.js"]
