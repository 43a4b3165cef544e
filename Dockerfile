# syntax=docker/dockerfile:1
# Gatehouse: the production build as Next's standalone output (scripts/standalone.mjs), run by
# Node itself as an unprivileged user. Works with a read-only root filesystem: it writes only to
# DATA_DIR (/data) and /tmp. Nothing secret is baked in; give keys at run time (see compose.yaml).

FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# No install scripts: every native package here (argon2, PGlite) ships prebuilt binaries.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npx next build && node scripts/standalone.mjs /out/gatehouse

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    BIND_HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
RUN groupadd --system --gid 10001 gatehouse \
 && useradd --system --uid 10001 --gid gatehouse --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin gatehouse \
 && mkdir /data && chown gatehouse:gatehouse /data && chmod 0700 /data
# Owned by root and not writable by the server: a compromised process cannot change its own code.
COPY --from=build --chown=root:root /out/gatehouse /app
WORKDIR /app
USER gatehouse:gatehouse
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "healthcheck.mjs"]
STOPSIGNAL SIGTERM
CMD ["node", "server.mjs"]
