# One image for every service; docker-compose.yml picks the service with SERVICE.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV NODE_ENV=production
USER node
CMD ["node", "--import", "./scripts/register.js", "scripts/serve.ts"]
