# syntax=docker/dockerfile:1
# The cardbridge production image (docs/deployment.md). Two stages: `build` compiles the TypeScript with the dev
# dependencies; `runtime` holds the production dependencies and the compiled output only, and runs as the
# unprivileged `node` user. It needs an external PostgreSQL (DATABASE_URL or DATABASE_URL_FILE): the embedded
# PostgreSQL of `npm start` is for development, and its binaries are left out (--omit=optional).
# test/deploy/issue-14-image.test.ts replays these stages without Docker; keep the two in step.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.build.json mikro-orm.config.ts ./
COPY src ./src
COPY plugins ./plugins
# The GraphQL IDE (GraphiQL) that `npm run build` bundles into dist/ide; it is off unless GRAPHQL_IDE=true.
COPY ide ./ide
# The admin portal's front end, the first step of `npm run build` after tsc (dist/portal).
COPY portal ./portal
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/cardbridge
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund --loglevel=error && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
# DATA_DIR holds the mail outbox when SMTP_URL is unset; nothing else is written.
RUN mkdir -p /var/lib/cardbridge && chown node:node /var/lib/cardbridge
USER node
EXPOSE 3000
# /readyz answers 200 once the database answers (no curl in the slim image: Node's fetch).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# As `npm start`, without npm: node receives SIGTERM itself and drains before exiting.
CMD ["node", "--max-old-space-size=160", "--max-semi-space-size=8", "dist/src/main.js"]
