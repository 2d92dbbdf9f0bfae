# The service image: Node 20, locked dependencies, TypeScript run by tsx (no build step to drift).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force
COPY . .
USER node
EXPOSE 3000
CMD ["npx", "tsx", "src/main.ts"]
